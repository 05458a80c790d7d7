import Foundation

/// The .xlsx embedded behind a chart (word/embeddings/), which Word opens for "Edit Data".
///
/// A minimal workbook: one sheet, "Sheet1", with the categories in column A from row 2 and one
/// column per plotted series, its name in row 1, matching the formulas in the chart part. Strings
/// are inline, so no shared-strings part is needed.
enum DOCXWorkbook {
    /// The embedding's file name for chart `number`.
    static func fileName(number: Int) -> String { "Microsoft_Excel_Worksheet\(number).xlsx" }

    /// A spreadsheet column's letters for a zero-based index: 0 is A, 25 is Z, 26 is AA.
    static func columnName(_ index: Int) -> String {
        var index = index
        var letters: [UInt8] = []
        repeat {
            letters.insert(UInt8(ascii: "A") + UInt8(index % 26), at: 0)
            index = index / 26 - 1
        } while index >= 0
        return String(decoding: letters, as: UTF8.self)
    }

    static func data(for chart: Chart) throws -> Data {
        let archive = try OOXMLArchive()
        try archive.add("[Content_Types].xml", xml: contentTypes)
        try archive.add(
            "_rels/.rels", xml: OOXML.relationships([("rId1", OOXML.RelationshipType.officeDocument, "xl/workbook.xml", false)]))
        try archive.add("xl/workbook.xml", xml: workbook)
        try archive.add(
            "xl/_rels/workbook.xml.rels",
            xml: OOXML.relationships([("rId1", OOXML.RelationshipType.worksheet, "worksheets/sheet1.xml", false)]))
        try archive.add("xl/worksheets/sheet1.xml", xml: sheet(chart))
        return try archive.data()
    }

    private static let contentTypes =
        OOXML.declaration
        + #"<Types xmlns="\#(OOXML.Namespace.contentTypes)"><Default Extension="rels" ContentType="\#(OOXML.ContentType.relationships)"/>"#
        + #"<Default Extension="xml" ContentType="\#(OOXML.ContentType.xml)"/>"#
        + #"<Override PartName="/xl/workbook.xml" ContentType="\#(OOXML.ContentType.workbook)"/>"#
        + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="\#(OOXML.ContentType.worksheet)"/></Types>"#

    private static let workbook =
        OOXML.declaration
        + #"<workbook xmlns="\#(OOXML.Namespace.spreadsheet)" xmlns:r="\#(OOXML.Namespace.relationships)">"#
        + #"<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#

    private static func sheet(_ chart: Chart) -> String {
        let series = DOCXCharts.plottedSeries(chart)
        var xml = OOXML.declaration
        xml.reserveCapacity(512 + chart.categories.count * 48 * (series.count + 1))
        xml.append(#"<worksheet xmlns="\#(OOXML.Namespace.spreadsheet)"><sheetData><row r="1">"#)
        for (index, series) in series.enumerated() {
            appendString(series.name, at: "\(columnName(index + 1))1", to: &xml)
        }
        xml.append("</row>")
        for (index, category) in chart.categories.enumerated() {
            let row = index + 2
            xml.append(#"<row r="\#(row)">"#)
            appendString(category, at: "A\(row)", to: &xml)
            for (column, series) in series.enumerated() where index < series.values.count {
                guard let value = DOCXCharts.number(series.values[index]) else { continue }
                xml.append(#"<c r="\#(columnName(column + 1))\#(row)"><v>\#(value)</v></c>"#)
            }
            xml.append("</row>")
        }
        xml.append("</sheetData></worksheet>")
        return xml
    }

    private static func appendString(_ text: String, at reference: String, to xml: inout String) {
        xml.append(#"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">"#)
        XMLText.append(text, to: &xml)
        xml.append("</t></is></c>")
    }
}
