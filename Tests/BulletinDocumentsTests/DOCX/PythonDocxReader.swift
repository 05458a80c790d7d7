/// What python-docx, a reader written apart from ours, finds in a .docx: the script it runs and
/// the observations it prints as JSON.
enum PythonDocxReader {
    struct Observations: Decodable {
        struct TableObservation: Decodable {
            let style: String?
            let rows: Int
            let headerFlags: [Bool]
            let cells: [[String]]
            let alignments: [String]
        }

        struct ChartObservation: Decodable {
            let part: String
            let workbook: String?
            let workbookIsZip: Bool
        }

        /// Every body paragraph as `[style name, text]`, in order.
        let paragraphs: [[String]]
        let tables: [TableObservation]
        let hyperlinks: [String]
        let charts: [ChartObservation]
        let title: String
        let author: String
        let created: String
        let pageWidth: Int
        let pageHeight: Int
        let footer: String
        let outlineLevels: [String: String]
    }

    /// Prints the observations of the .docx at argv[1].
    static let script = #"""
        import json, sys, zipfile, io
        import docx
        from docx.oxml.ns import qn

        CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        d = docx.Document(sys.argv[1])
        out = {"paragraphs": [[p.style.name, p.text] for p in d.paragraphs]}
        tables = []
        for t in d.tables:
            header_flags = []
            for row in t.rows[:2]:
                trPr = row._tr.trPr
                header_flags.append(trPr is not None and trPr.find(qn("w:tblHeader")) is not None)
            last = t.rows[-1]
            tables.append({
                "style": t.style.name if t.style is not None else None,
                "rows": len(t.rows),
                "headerFlags": header_flags,
                "cells": [[c.text for c in r.cells] for r in t.rows],
                "alignments": [str(c.paragraphs[0].alignment) for c in last.cells],
            })
        out["tables"] = tables
        out["hyperlinks"] = [h.address for p in d.paragraphs for h in p.hyperlinks]
        charts = []
        for part in d.part.package.iter_parts():
            if part.content_type != CHART:
                continue
            workbook, is_zip = None, False
            for rel in part.rels.values():
                if rel.reltype.endswith("/package"):
                    workbook = str(rel.target_part.partname)
                    is_zip = zipfile.is_zipfile(io.BytesIO(rel.target_part.blob))
            charts.append({"part": str(part.partname), "workbook": workbook, "workbookIsZip": is_zip})
        out["charts"] = sorted(charts, key=lambda c: c["part"])
        cp = d.core_properties
        out.update(title=cp.title, author=cp.author, created=cp.created.isoformat())
        section = d.sections[0]
        out.update(pageWidth=int(section.page_width), pageHeight=int(section.page_height))
        out["footer"] = "\n".join(p.text for p in section.footer.paragraphs)
        levels = {}
        for name in ("Heading 1", "Heading 2", "Heading 3"):
            found = d.styles[name].element.find(".//" + qn("w:outlineLvl"))
            levels[name] = found.get(qn("w:val")) if found is not None else ""
        out["outlineLevels"] = levels
        print(json.dumps(out))
        """#
}
