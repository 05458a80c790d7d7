/// word/styles.xml: named styles, so a reader can restyle the whole report in Word, the
/// navigation pane lists the headings, and the body carries almost no direct formatting.
///
/// Sizes are in half-points and spacing in twentieths of a point, as WordprocessingML counts them.
enum DOCXStyles {
    /// Arial is on every Word installation; where it is missing (LibreOffice on Linux), fontconfig
    /// and LibreOffice substitute the metric-compatible Liberation Sans, which font table also
    /// names as the alternative. Both cover Latin, Greek and Cyrillic.
    static let font = "Arial"
    static let alternativeFont = "Liberation Sans"

    static let accent = "1F3864"
    static let muted = "595959"
    static let link = "0563C1"
    static let shade = "EFF2F7"
    static let rule = "BFBFBF"

    /// Style IDs the body refers to.
    enum ID {
        static let title = "Title", subtitle = "Subtitle", coverDetail = "CoverDetail"
        static let listBullet = "ListBullet", caption = "Caption", hyperlink = "Hyperlink", footer = "Footer"
        static let keyFigureValue = "KeyFigureValue", keyFigureLabel = "KeyFigureLabel", chart = "Chart"
        static let table = "BulletinTable", plainTable = "TableNormal"
        static func heading(_ level: Int) -> String { "Heading\(level)" }
    }

    static let xml: String = {
        var xml = OOXML.declaration
        xml.append(#"<w:styles xmlns:w="\#(OOXML.Namespace.wordprocessing)">"#)
        xml.append(
            #"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="\#(font)" w:hAnsi="\#(font)" w:eastAsia="\#(font)" "#
                + #"w:cs="\#(font)"/><w:color w:val="1A1A1A"/><w:sz w:val="21"/><w:szCs w:val="21"/>"#
                + #"<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
                + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>"#
                + "</w:docDefaults>")
        xml.append(
            #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#)
        xml.append(
            #"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#
                + #"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#)
        xml.append(
            paragraph(
                ID.title, name: "Title", next: ID.subtitle, pPr: #"<w:spacing w:before="2400" w:after="240"/>"#,
                rPr: #"<w:b/><w:color w:val="\#(accent)"/><w:sz w:val="56"/><w:szCs w:val="56"/>"#))
        xml.append(
            paragraph(
                ID.subtitle, name: "Subtitle", pPr: #"<w:spacing w:after="480"/>"#,
                rPr: #"<w:color w:val="\#(muted)"/><w:sz w:val="32"/><w:szCs w:val="32"/>"#))
        xml.append(
            paragraph(
                ID.coverDetail, name: "Cover Detail", pPr: #"<w:spacing w:after="60"/>"#,
                rPr: #"<w:color w:val="404040"/><w:sz w:val="24"/><w:szCs w:val="24"/>"#))
        for (level, size, before) in [(1, 32, 480), (2, 26, 320), (3, 22, 240)] {
            xml.append(
                paragraph(
                    ID.heading(level), name: "heading \(level)",
                    pPr: #"<w:keepNext/><w:keepLines/><w:spacing w:before="\#(before)" w:after="120"/>"#
                        + #"<w:outlineLvl w:val="\#(level - 1)"/>"#,
                    rPr: #"<w:b/><w:bCs/><w:color w:val="\#(accent)"/><w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/>"#))
        }
        xml.append(
            paragraph(
                ID.listBullet, name: "List Bullet",
                pPr: #"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>"#
                    + #"<w:ind w:left="360" w:hanging="360"/><w:contextualSpacing/>"#))
        xml.append(
            paragraph(
                ID.caption, name: "caption", pPr: #"<w:keepNext/><w:spacing w:before="120" w:after="80"/>"#,
                rPr: #"<w:i/><w:iCs/><w:color w:val="\#(muted)"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#))
        xml.append(
            paragraph(
                ID.footer, name: "footer",
                pPr: #"<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="\#(rule)"/></w:pBdr>"#
                    + #"<w:tabs><w:tab w:val="right" w:pos="\#(DOCXBody.Page.textWidth)"/></w:tabs><w:spacing w:after="0"/>"#,
                rPr: #"<w:color w:val="\#(muted)"/><w:sz w:val="16"/><w:szCs w:val="16"/>"#))
        xml.append(
            paragraph(
                ID.keyFigureValue, name: "Key Figure Value", pPr: #"<w:spacing w:before="80" w:after="0"/>"#,
                rPr: #"<w:b/><w:bCs/><w:color w:val="\#(accent)"/><w:sz w:val="36"/><w:szCs w:val="36"/>"#))
        xml.append(
            paragraph(
                ID.keyFigureLabel, name: "Key Figure Label", pPr: #"<w:spacing w:after="80"/>"#,
                rPr: #"<w:color w:val="\#(muted)"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#))
        xml.append(
            paragraph(ID.chart, name: "Chart", pPr: #"<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>"#))
        xml.append(
            #"<w:style w:type="character" w:styleId="\#(ID.hyperlink)"><w:name w:val="Hyperlink"/>"#
                + #"<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#
                + #"<w:rPr><w:color w:val="\#(link)"/><w:u w:val="single"/></w:rPr></w:style>"#)
        xml.append(tableStyles)
        xml.append(
            #"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>"#
                + #"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#)
        xml.append("</w:styles>")
        return xml
    }()

    /// The default table style, and the report's: a shaded, bold header row over a strong rule,
    /// light rules between rows.
    private static let tableStyles =
        #"<w:style w:type="table" w:default="1" w:styleId="\#(ID.plainTable)"><w:name w:val="Normal Table"/>"#
        + #"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#
        + #"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>"#
        + #"<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        + #"<w:style w:type="table" w:styleId="\#(ID.table)"><w:name w:val="Bulletin Table"/>"#
        + #"<w:basedOn w:val="\#(ID.plainTable)"/><w:uiPriority w:val="59"/><w:qFormat/>"#
        + #"<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#
        + #"<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>"#
        + #"<w:tblPr><w:tblBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="\#(rule)"/>"#
        + #"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="D9D9D9"/></w:tblBorders>"#
        + #"<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>"#
        + #"<w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>"#
        + #"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="\#(accent)"/></w:rPr>"#
        + #"<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="\#(accent)"/></w:tcBorders>"#
        + #"<w:shd w:val="clear" w:color="auto" w:fill="\#(shade)"/></w:tcPr></w:tblStylePr></w:style>"#

    /// A paragraph style based on Normal; `name` is Word's built-in name where there is one
    /// ("heading 1", "caption"), so Word treats it as its own.
    private static func paragraph(_ id: String, name: String, next: String? = nil, pPr: String = "", rPr: String = "") -> String {
        var xml = #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/><w:basedOn w:val="Normal"/>"#
        xml.append(#"<w:next w:val="\#(next ?? "Normal")"/><w:qFormat/>"#)
        if !pPr.isEmpty { xml.append("<w:pPr>\(pPr)</w:pPr>") }
        if !rPr.isEmpty { xml.append("<w:rPr>\(rPr)</w:rPr>") }
        xml.append("</w:style>")
        return xml
    }
}
