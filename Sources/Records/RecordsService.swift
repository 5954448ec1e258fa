import Hummingbird
import Platform
import Registry

/// The learning-records routes: the subject catalogue, gradebooks (primary ratings and competencies too), conduct, year
/// results and health checks.
public struct RecordsService: Sendable {
    let database: any Database
    let registry: RegistryService

    public init(database: any Database, registry: RegistryService) {
        self.database = database
        self.registry = registry
    }

    public func register(in catalog: APICatalog) {
        catalog.schema("Subject", [FieldSpec("code", .string, readOnly: true, "Subject code"),
                                   FieldSpec("nameVI", .string, readOnly: true, "Vietnamese name"),
                                   FieldSpec("nameEN", .string, readOnly: true, "English name"),
                                   FieldSpec("commentOnly", .boolean, readOnly: true, "Assessed by Đạt / Chưa đạt rather than scores"),
                                   FieldSpec("periodsPerYear", .integer, readOnly: true, "Periods a year (sets the regular assessments)"),
                                   FieldSpec("elective", .boolean, readOnly: true, "An upper-secondary elective"),
                                   FieldSpec("hasTest", .boolean, readOnly: true, "Primary: the subject has periodic tests in this grade")])
        catalog.add(APIRoute(.get, "/api/v1/subjects", summary: "The subjects of a grade (2018 programme, grades 1–12)", tag: "Learning records",
                             parameters: [APIRoute.Parameter("grade", "Grade 1–12")], response: "Subject", page: true), subjects)
        let gradebooks = GradebookController(database: database, registry: registry)
        gradebooks.register(in: catalog)
        GradebookFile(gradebooks: gradebooks).register(in: catalog)
        YearResultsController(database: database, registry: registry).register(in: catalog)
        PrimarySubjectAssessments(database: database, registry: registry).register(in: catalog)
        PrimaryCompetencyAssessments(database: database, registry: registry).register(in: catalog)
        HealthChecksController(database: database, registry: registry).register(in: catalog)
    }

    @Sendable func subjects(_ request: Request, _ context: NEMISContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let grade = request.uri.queryParameters["grade"].map(String.init) ?? ""
        let primary = PrimaryCatalogue.subjects(grade: grade)
        if !primary.isEmpty {
            return JSONResponse.page(items: try primary.map { try JSON.string($0) }, nextPageToken: nil)
        }
        guard !SubjectCatalogue.subjects(grade: grade).isEmpty else {
            throw APIError.malformed(field: "grade", "grade is 1 to 12")
        }
        return JSONResponse.page(items: try SubjectCatalogue.subjects(grade: grade).map { try JSON.string($0) }, nextPageToken: nil)
    }
}
