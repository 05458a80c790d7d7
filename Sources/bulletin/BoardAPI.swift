import BulletinCore
import Foundation

/// What the commands read from and write to the API, in the shapes of docs/board.md.
enum BoardAPI {
    /// The statuses that are columns of the board, in order.
    static let onBoard = ["scheduled", "checked_in", "in_progress", "waiting_parts", "ready", "completed"]

    /// Today in UTC as `YYYY-MM-DD`.
    static func today() -> String {
        Date().formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// An instant as RFC 3339 in UTC without fractional seconds, such as `2026-12-06T09:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// A service code no one uses: `prefix` and six random upper-case letters and digits.
    static func temporaryCode(_ prefix: String) -> String {
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<6).map { _ in characters.randomElement()! })
    }

    /// `POST /v1/services`: a temporary service of 15 minutes at no price.
    static func serviceBody(code: String) -> Data {
        json(["code": code, "name": "Smoke test", "durationMinutes": 15, "price": 0])
    }

    /// `POST /v1/appointments`: a temporary appointment at the shop.
    static func appointmentBody(serviceCode: String, start: Date) -> Data {
        json([
            "customer": ["name": "Smoke test"],
            "vehicle": ["make": "Test", "model": "Smoke", "year": 2020, "plate": "SMOKE"],
            "serviceCodes": [serviceCode], "scheduledStart": timestamp(start), "location": "shop",
        ])
    }

    /// `POST /v1/appointments/{id}/move` to the end of a column.
    static func moveBody(status: String) -> Data {
        json(["status": status])
    }

    /// The code of the first active service of a `GET /v1/services` answer.
    static func firstActiveCode(in services: [String: Any]?) -> String? {
        let items = services?["items"] as? [[String: Any]] ?? []
        return items.first { ($0["active"] as? Bool) ?? true }?["code"] as? String
    }

    /// A `version` as the text sent in `If-Match`: numbers and strings are both accepted.
    static func version(_ value: Any?) -> String? {
        if let number = value as? Int { return String(number) }
        return value as? String
    }

    /// Whether version `new` is later than `old`: compared as numbers when both are.
    static func isLater(_ new: String, than old: String) -> Bool {
        if let new = Int(new), let old = Int(old) { return new > old }
        return new != old
    }

    /// Milliseconds, for printing.
    static func milliseconds(_ duration: Duration) -> Double {
        duration.timeInterval * 1000
    }

    private static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
