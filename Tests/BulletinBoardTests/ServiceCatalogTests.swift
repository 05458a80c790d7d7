import BulletinBoard
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Services catalog")
struct ServiceCatalogTests {
    @Test("each broken rule is named at its field")
    func validation() {
        let draft = ServiceDraft(code: "oil-1", name: " ", category: "", durationMinutes: 2, priceCents: 0, active: true)
        let problems = ServiceValidator.problems(in: ServiceValidator.tidied(draft))
        #expect(Set(problems.map(\.pointer)) == ["/code", "/name", "/durationMinutes"])
        #expect(ServiceValidator.isCode("OIL001") && ServiceValidator.isCode("TIRE1"))
        #expect(!ServiceValidator.isCode("1OIL") && !ServiceValidator.isCode("O") && !ServiceValidator.isCode("OIL_1"))
        #expect(ServiceValidator.cents(49.95) == 4995)
        #expect(ServiceValidator.cents(0) == 0)
        #expect(ServiceValidator.cents(49.955) == nil)
        #expect(ServiceValidator.cents(-1) == nil)
        #expect(ServiceValidator.cents(100_000.01) == nil)
    }

    @Test("an empty or missing search lists everything; a search matches code, name or category", arguments: TestDatabases.dialects)
    func search(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            let catalog = ServiceRepository(database: fixture.database)
            _ = try await catalog.create(
                ServiceDraft(
                    code: "BRAKE001", name: "Brake pads 100%", category: "Brakes", durationMinutes: 90, priceCents: 18900, active: false),
                id: RandomID.make(), audit: fixture.audit, now: BoardFixture.morning)
            func codes(_ filter: ServiceFilter) async throws -> [String] {
                try await catalog.list(workspaceID: fixture.workspaceID, filter: filter).map(\.draft.code)
            }
            let everything = ["BRAKE001", "OIL001", "TIRE001"]
            #expect(try await codes(ServiceFilter()) == everything)
            #expect(try await codes(ServiceFilter(search: "")) == everything)
            #expect(try await codes(ServiceFilter(search: "  ")) == everything)
            #expect(try await codes(ServiceFilter(search: "brake")) == ["BRAKE001"])
            #expect(try await codes(ServiceFilter(search: "tire0")) == ["TIRE001"])
            #expect(try await codes(ServiceFilter(search: "100%")) == ["BRAKE001"])
            #expect(try await codes(ServiceFilter(search: "%")) == ["BRAKE001"])  // a literal percent sign, not a wildcard
            #expect(try await codes(ServiceFilter(category: "Brakes")) == ["BRAKE001"])
            #expect(try await codes(ServiceFilter(active: true)) == ["OIL001", "TIRE001"])
            await #expect(throws: ServiceStoreError.codeTaken) {
                try await catalog.create(
                    ServiceDraft(code: "OIL001", name: "Again", category: "", durationMinutes: 30, priceCents: 0, active: true),
                    id: RandomID.make(), audit: fixture.audit, now: BoardFixture.morning)
            }
        }
    }

    @Test("a CSV import reports each refused line and writes the valid ones by code", arguments: TestDatabases.dialects)
    func csvImport(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            let csv = """
                code,name,durationMinutes,price,category\r
                OIL001,"Oil change, synthetic",40,59.90,maintenance\r
                WASH001,Wash,30,abc,care\r
                wash002,Wash,30,10,care\r
                ALIGN001,"Wheel ""4D"" alignment",60,80,tyres\r
                ALIGN001,Duplicate,60,80,tyres

                """
            let (drafts, problems) = try ServiceCSV.parse(csv)
            #expect(drafts.map(\.code) == ["OIL001", "ALIGN001"])
            #expect(drafts[0].name == "Oil change, synthetic" && drafts[0].priceCents == 5990)
            #expect(drafts[1].name == "Wheel \"4D\" alignment")
            #expect(problems.map(\.line) == [3, 4, 6])
            #expect(problems.map(\.pointer) == ["/price", "/code", "/code"])
            let (created, updated) = try await ServiceRepository(database: fixture.database).importServices(
                drafts, audit: fixture.audit, now: BoardFixture.morning, makeID: { RandomID.make() })
            #expect(created == 1 && updated == 1)
            let oil = try await ServiceRepository(database: fixture.database).services(codes: ["OIL001"], workspaceID: fixture.workspaceID)
            #expect(oil["OIL001"]?.draft.durationMinutes == 40)
            #expect(throws: ServiceCSV.FileError.missingColumns(["price"])) { try ServiceCSV.parse("code,name,durationMinutes\n") }
        }
    }
}
