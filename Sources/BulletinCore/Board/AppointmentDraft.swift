import Foundation

/// Where the work is done.
public enum AppointmentLocation: String, Sendable, Hashable, Codable {
    /// At the shop: the vehicle is brought in.
    case shop
    /// On site: the team goes to the customer's address.
    case site
}

/// Who the appointment is for.
public struct Customer: Sendable, Hashable, Codable {
    public var name: String
    public var phone: String
    public var email: String

    public init(name: String, phone: String = "", email: String = "") {
        self.name = name
        self.phone = phone
        self.email = email
    }
}

/// The vehicle worked on.
public struct Vehicle: Sendable, Hashable, Codable {
    public var make: String
    public var model: String
    public var year: Int
    public var plate: String

    public init(make: String, model: String, year: Int, plate: String) {
        self.make = make
        self.model = model
        self.year = year
        self.plate = plate
    }
}

/// An appointment as a client writes it. The services are named by code; the store copies
/// their names, prices and durations when it saves the appointment.
public struct AppointmentDraft: Sendable, Hashable {
    public var customer: Customer
    public var vehicle: Vehicle
    public var serviceCodes: [String]
    public var scheduledStart: Date
    /// `nil`: the start plus the services' durations.
    public var expectedEnd: Date?
    public var location: AppointmentLocation
    public var address: String
    /// A member of the workspace, or `nil`.
    public var technicianID: String?
    public var notes: String

    public init(
        customer: Customer, vehicle: Vehicle, serviceCodes: [String], scheduledStart: Date, expectedEnd: Date? = nil,
        location: AppointmentLocation, address: String = "", technicianID: String? = nil, notes: String = ""
    ) {
        self.customer = customer
        self.vehicle = vehicle
        self.serviceCodes = serviceCodes
        self.scheduledStart = scheduledStart
        self.expectedEnd = expectedEnd
        self.location = location
        self.address = address
        self.technicianID = technicianID
        self.notes = notes
    }
}

/// The rules an appointment keeps, each broken one reported at its JSON pointer.
public enum AppointmentValidator {
    /// How many services one appointment holds.
    public static let serviceCount = 1...20
    /// The model years accepted.
    public static let years = 1900...2100
    /// When an appointment may start: on a day the board shows (years 2000 to 2999) in any
    /// time zone.
    public static let starts = Date(timeIntervalSince1970: 946_598_400)..<Date(timeIntervalSince1970: 32_503_766_400)

    /// The draft with its text trimmed and its plate in upper case.
    public static func tidied(_ draft: AppointmentDraft) -> AppointmentDraft {
        var tidy = draft
        tidy.customer = Customer(
            name: TextRules.trimmed(draft.customer.name), phone: TextRules.trimmed(draft.customer.phone),
            email: TextRules.trimmed(draft.customer.email))
        tidy.vehicle = Vehicle(
            make: TextRules.trimmed(draft.vehicle.make), model: TextRules.trimmed(draft.vehicle.model), year: draft.vehicle.year,
            plate: TextRules.trimmed(draft.vehicle.plate).uppercased())
        tidy.address = TextRules.trimmed(draft.address)
        tidy.notes = TextRules.trimmed(draft.notes)
        return tidy
    }

    /// Every rule a tidied draft breaks; empty when it is valid. Whether the codes name active
    /// services and the technician a member is the store's to say.
    public static func problems(in draft: AppointmentDraft) -> [FieldError] {
        var problems: [FieldError] = []
        problems += TextRules.problems(draft.customer.name, at: "/customer/name", label: "The name", required: true, maximum: 120)
        problems += TextRules.problems(draft.customer.phone, at: "/customer/phone", label: "The phone", required: false, maximum: 40)
        if !draft.customer.email.isEmpty && EmailAddress(draft.customer.email) == nil {
            problems.append(FieldError(pointer: "/customer/email", message: "Give an e-mail address such as ana@example.com."))
        }
        problems += TextRules.problems(draft.vehicle.make, at: "/vehicle/make", label: "The make", required: true, maximum: 60)
        problems += TextRules.problems(draft.vehicle.model, at: "/vehicle/model", label: "The model", required: true, maximum: 60)
        if !years.contains(draft.vehicle.year) {
            problems.append(FieldError(pointer: "/vehicle/year", message: "The year is \(years.lowerBound) to \(years.upperBound)."))
        }
        problems += TextRules.problems(draft.vehicle.plate, at: "/vehicle/plate", label: "The plate", required: true, maximum: 20)
        if !serviceCount.contains(draft.serviceCodes.count) {
            problems.append(
                FieldError(
                    pointer: "/serviceCodes", message: "Name \(serviceCount.lowerBound) to \(serviceCount.upperBound) services."))
        }
        var seen: Set<String> = []
        for (index, code) in draft.serviceCodes.enumerated() {
            if !ServiceValidator.isCode(code) {
                problems.append(FieldError(pointer: "/serviceCodes/\(index)", message: "\(code) is not a service code."))
            } else if !seen.insert(code).inserted {
                problems.append(FieldError(pointer: "/serviceCodes/\(index)", message: "\(code) is named twice."))
            }
        }
        if !starts.contains(draft.scheduledStart) {
            problems.append(FieldError(pointer: "/scheduledStart", message: "The start is in the years 2000 to 2999."))
        }
        if let end = draft.expectedEnd, !(end > draft.scheduledStart && end.timeIntervalSince(draft.scheduledStart) <= 86_400) {
            problems.append(FieldError(pointer: "/expectedEnd", message: "The expected end is after the start, within a day."))
        }
        problems += TextRules.problems(
            draft.address, at: "/address", label: "The address", required: draft.location == .site, maximum: 300)
        problems += TextRules.problems(draft.notes, at: "/notes", label: "The notes", required: false, maximum: 2000)
        return problems
    }
}
