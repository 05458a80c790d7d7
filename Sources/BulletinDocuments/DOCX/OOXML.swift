/// The names Office Open XML parts use: namespaces, relationship types and content types.
enum OOXML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    enum Namespace {
        static let wordprocessing = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        static let drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
        static let wordDrawing = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        static let chart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
        static let spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
    }

    enum RelationshipType {
        private static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        static let officeDocument = base + "officeDocument"
        static let extendedProperties = base + "extended-properties"
        static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        static let styles = base + "styles"
        static let settings = base + "settings"
        static let numbering = base + "numbering"
        static let fontTable = base + "fontTable"
        static let footer = base + "footer"
        static let hyperlink = base + "hyperlink"
        static let chart = base + "chart"
        static let package = base + "package"
        static let worksheet = base + "worksheet"
    }

    enum ContentType {
        private static let word = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        static let relationships = "application/vnd.openxmlformats-package.relationships+xml"
        static let xml = "application/xml"
        static let document = word + "document.main+xml"
        static let styles = word + "styles+xml"
        static let settings = word + "settings+xml"
        static let numbering = word + "numbering+xml"
        static let fontTable = word + "fontTable+xml"
        static let footer = word + "footer+xml"
        static let coreProperties = "application/vnd.openxmlformats-package.core-properties+xml"
        static let extendedProperties = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        static let chart = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        static let workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        static let worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        static let spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }

    /// A relationship part (`_rels/*.rels`) listing `(id, type, target, external)` in order.
    static func relationships(_ entries: [(id: String, type: String, target: String, external: Bool)]) -> String {
        var xml = declaration
        xml.append(#"<Relationships xmlns="\#(Namespace.packageRelationships)">"#)
        for entry in entries {
            xml.append(#"<Relationship Id="\#(entry.id)" Type="\#(entry.type)" Target=""#)
            XMLText.append(entry.target, to: &xml)
            xml.append(entry.external ? #"" TargetMode="External"/>"# : #""/>"#)
        }
        xml.append("</Relationships>")
        return xml
    }
}
