/// The small parts around the body: settings, the font table, the bullets' numbering and the footer.
enum DOCXSupportParts {
    private static let root = #"xmlns:w="\#(OOXML.Namespace.wordprocessing)""#

    /// word/settings.xml: Word 2013+ layout (compatibility mode 15), so Word does not open the
    /// report in compatibility mode.
    static let settings =
        OOXML.declaration
        + #"<w:settings \#(root)><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>"#
        + #"<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" "#
        + #"w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#

    /// word/fontTable.xml: the body font as a sans-serif ("swiss") face with its metric-compatible
    /// alternative, which is what a reader without the font matches on.
    static let fontTable =
        OOXML.declaration
        + #"<w:fonts \#(root)><w:font w:name="\#(DOCXStyles.font)"><w:altName w:val="\#(DOCXStyles.alternativeFont)"/>"#
        + #"<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>"#
        + #"<w:pitch w:val="variable"/></w:font></w:fonts>"#

    /// word/numbering.xml: one bullet list definition (numId 1), which the List Bullet style uses.
    static let numbering: String = {
        var xml = OOXML.declaration + "<w:numbering \(root)>"
        xml.append(#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>"#)
        for (level, bullet) in ["\u{2022}", "\u{2013}", "\u{25AA}"].enumerated() {
            let indent = 360 * (level + 1)
            xml.append(
                #"<w:lvl w:ilvl="\#(level)"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\#(bullet)"/>"#
                    + #"<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="\#(indent)" w:hanging="360"/></w:pPr>"#
                    + #"<w:rPr><w:rFonts w:ascii="\#(DOCXStyles.font)" w:hAnsi="\#(DOCXStyles.font)" w:hint="default"/></w:rPr></w:lvl>"#)
        }
        xml.append(#"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#)
        return xml
    }()

    /// word/footer1.xml: the title on the left and "Page X of Y" on the right, from the PAGE and
    /// NUMPAGES fields, which Word and LibreOffice compute as they lay out the pages.
    static func footer(title: String) -> String {
        var xml = OOXML.declaration
        xml.append(#"<w:ftr \#(root)><w:p><w:pPr><w:pStyle w:val="\#(DOCXStyles.ID.footer)"/></w:pPr><w:r><w:t xml:space="preserve">"#)
        XMLText.append(title, to: &xml)
        xml.append(#"</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>"#)
        xml.append(field("PAGE"))
        xml.append(#"<w:r><w:t xml:space="preserve"> of </w:t></w:r>"#)
        xml.append(field("NUMPAGES"))
        xml.append("</w:p></w:ftr>")
        return xml
    }

    /// A complex field (PAGE, NUMPAGES) as OOXML writes one: the instruction, then a cached
    /// result ("1") that Word and LibreOffice recompute for each page when they lay it out.
    private static func field(_ instruction: String) -> String {
        #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> \#(instruction) </w:instrText></w:r>"#
            + #"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    }
}
