import BulletinCore
import BulletinStore
import Foundation

/// One refused line of a CSV import.
public struct ImportProblem: Sendable, Hashable {
    /// The line of the file, counting the header as 1.
    public let line: Int
    /// The field, as a JSON pointer into a service (`/price`), or empty for the whole line.
    public let pointer: String
    public let detail: String
}

/// A catalog as CSV (RFC 4180: commas, double quotes doubled inside quoted fields, CRLF or LF):
/// a header naming `code`, `name`, `durationMinutes`, `price` and optionally `category` and
/// `active` in any order, then one service per line. Written by hand: no CSV package is among
/// those this project may use, and the format is small.
public enum ServiceCSV {
    /// The largest file read, in bytes.
    public static let maximumSize = 1 << 20
    /// The most services one file may hold.
    public static let maximumRows = ServiceRepository.maximumCount

    /// Why a file cannot be read at all.
    public enum FileError: Error, Equatable {
        /// The header lacks these columns.
        case missingColumns([String])
        case tooManyRows
    }

    /// The valid lines' services and every refused line's problems.
    public static func parse(_ text: String) throws(FileError) -> (services: [ServiceDraft], problems: [ImportProblem]) {
        let records = self.records(text)
        guard let header = records.first else { throw .missingColumns(["code", "name", "durationMinutes", "price"]) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = ["code", "name", "durationMinutes", "price"].filter { !names.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        guard records.count - 1 <= maximumRows else { throw .tooManyRows }
        var services: [ServiceDraft] = []
        var problems: [ImportProblem] = []
        var seen: [String: Int] = [:]
        for (offset, record) in records.dropFirst().enumerated() {
            let line = offset + 2
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard record.count == names.count else {
                problems.append(
                    ImportProblem(line: line, pointer: "", detail: "The line has \(record.count) fields; the header has \(names.count)."))
                continue
            }
            let field = Dictionary(
                zip(names, record.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { first, _ in first })
            var lineProblems: [ImportProblem] = []
            let duration = Int(field["durationMinutes"] ?? "")
            if duration == nil {
                lineProblems.append(
                    ImportProblem(line: line, pointer: "/durationMinutes", detail: "The duration is a whole number of minutes."))
            }
            let price = Double(field["price"] ?? "").flatMap(ServiceValidator.cents)
            if price == nil { lineProblems.append(ImportProblem(line: line, pointer: "/price", detail: ServiceValidator.priceRule)) }
            let active = field["active"].map { ["", "true", "yes", "1"].contains($0.lowercased()) } ?? true
            if let text = field["active"], !["", "true", "false", "yes", "no", "1", "0"].contains(text.lowercased()) {
                lineProblems.append(ImportProblem(line: line, pointer: "/active", detail: "Active is true or false."))
            }
            let draft = ServiceValidator.tidied(
                ServiceDraft(
                    code: field["code"] ?? "", name: field["name"] ?? "", category: field["category"] ?? "",
                    durationMinutes: duration ?? ServiceValidator.durations.lowerBound, priceCents: price ?? 0, active: active))
            lineProblems += ServiceValidator.problems(in: draft).filter { $0.pointer != "/durationMinutes" || duration != nil }
                .map { ImportProblem(line: line, pointer: $0.pointer, detail: $0.message) }
            if let earlier = seen[draft.code] {
                lineProblems.append(ImportProblem(line: line, pointer: "/code", detail: "\(draft.code) is already on line \(earlier)."))
            }
            if lineProblems.isEmpty {
                seen[draft.code] = line
                services.append(draft)
            } else {
                problems += lineProblems
            }
        }
        return (services, problems)
    }

    /// The file's records, each a list of fields.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = text.hasPrefix("\u{FEFF}") ? text.dropFirst()[...] : text[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
