import Foundation

/// A colour as PDF's DeviceRGB components, 0 to 1.
struct PDFColor: Hashable {
    let red: Double, green: Double, blue: Double

    static let text = PDFColor(red: 0.1, green: 0.1, blue: 0.1)
    static let muted = PDFColor(red: 0.36, green: 0.36, blue: 0.36)
    static let rule = PDFColor(red: 0.8, green: 0.8, blue: 0.8)
    static let shade = PDFColor(red: 0.94, green: 0.95, blue: 0.97)
    static let link = PDFColor(red: 0.1, green: 0.3, blue: 0.7)
    /// The series colours of charts, in order (the HTML report's blue first).
    static let series = [
        PDFColor(red: 0.184, green: 0.373, blue: 0.702), PDFColor(red: 0.894, green: 0.494, blue: 0.153),
        PDFColor(red: 0.251, green: 0.6, blue: 0.349), PDFColor(red: 0.6, green: 0.306, blue: 0.6),
        PDFColor(red: 0.7, green: 0.2, blue: 0.2), PDFColor(red: 0.4, green: 0.4, blue: 0.4),
    ]

    static func series(_ index: Int) -> PDFColor { series[index % series.count] }

    var operands: String { "\(PDFNumber(red)) \(PDFNumber(green)) \(PDFNumber(blue))" }
}

/// One page being drawn: what it shows, in drawing order, with its links. Coordinates are
/// PDF's: points from the bottom-left corner.
struct PDFPage {
    enum Mark {
        case text(x: Double, y: Double, face: PDFFace, size: Double, text: String, color: PDFColor)
        case fill(x: Double, y: Double, width: Double, height: Double, color: PDFColor)
        case line(points: [(x: Double, y: Double)], width: Double, color: PDFColor)
    }

    /// A clickable area that opens `url`.
    struct Link {
        let x: Double, y: Double, width: Double, height: Double
        let url: String
    }

    var marks: [Mark] = []
    var links: [Link] = []

    /// The page's content stream.
    func content() -> [UInt8] {
        var stream = ""
        stream.reserveCapacity(marks.count * 48)
        for mark in marks {
            switch mark {
            case .text(let x, let y, let face, let size, let text, let color):
                stream += "BT \(color.operands) rg /\(face.resourceName) \(PDFNumber(size)) Tf "
                stream += "\(PDFNumber(x)) \(PDFNumber(y)) Td \(face.encoded(text)) Tj ET\n"
            case .fill(let x, let y, let width, let height, let color):
                stream += "\(color.operands) rg \(PDFNumber(x)) \(PDFNumber(y)) \(PDFNumber(width)) \(PDFNumber(height)) re f\n"
            case .line(let points, let width, let color):
                guard let first = points.first else { continue }
                stream += "\(color.operands) RG \(PDFNumber(width)) w 1 J 1 j \(PDFNumber(first.x)) \(PDFNumber(first.y)) m "
                for point in points.dropFirst() { stream += "\(PDFNumber(point.x)) \(PDFNumber(point.y)) l " }
                stream += "S\n"
            }
        }
        return Array(stream.utf8)
    }
}

/// A number as PDF writes it: at most two decimals, no exponent, no trailing zeros.
struct PDFNumber: CustomStringConvertible {
    let value: Double

    init(_ value: Double) { self.value = value }

    var description: String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(magnitude / 100)" }
        return fraction % 10 == 0
            ? "\(sign)\(magnitude / 100).\(fraction / 10)" : "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
