/// The relationships of word/document.xml: the fixed parts first, then each link and chart as the
/// body meets them.
struct DOCXRelationships {
    static let styles = "rId1"
    static let settings = "rId2"
    static let numbering = "rId3"
    static let fontTable = "rId4"
    static let footer = "rId5"

    private var entries: [(id: String, type: String, target: String, external: Bool)] = [
        (styles, OOXML.RelationshipType.styles, "styles.xml", false),
        (settings, OOXML.RelationshipType.settings, "settings.xml", false),
        (numbering, OOXML.RelationshipType.numbering, "numbering.xml", false),
        (fontTable, OOXML.RelationshipType.fontTable, "fontTable.xml", false),
        (footer, OOXML.RelationshipType.footer, "footer1.xml", false),
    ]
    /// One relationship per distinct address, however often the document links to it.
    private var hyperlinkIDs: [String: String] = [:]

    /// The relationship ID of an external link to `url`.
    mutating func hyperlink(to url: String) -> String {
        if let id = hyperlinkIDs[url] { return id }
        let id = nextID()
        entries.append((id, OOXML.RelationshipType.hyperlink, url, true))
        hyperlinkIDs[url] = id
        return id
    }

    /// The relationship ID of word/charts/chart`number`.xml.
    mutating func chart(number: Int) -> String {
        let id = nextID()
        entries.append((id, OOXML.RelationshipType.chart, "charts/chart\(number).xml", false))
        return id
    }

    /// word/_rels/document.xml.rels.
    var xml: String { OOXML.relationships(entries) }

    private func nextID() -> String { "rId\(entries.count + 1)" }
}
