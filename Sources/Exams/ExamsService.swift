import Platform
import Registry

/// The graduation exam's routes (seasons, registration, scores and results, re-marking) and the admissions
/// that follow it (programmes, wishes, the national clearing, confirmation).
public struct ExamsService: Sendable {
    let database: any Database
    let registry: RegistryService

    public init(database: any Database, registry: RegistryService) {
        self.database = database
        self.registry = registry
    }

    public func register(in catalog: APICatalog) {
        ExamSeasonsController(database: database).register(in: catalog)
        RegistrationsController(database: database, registry: registry).register(in: catalog)
        ScoresController(database: database).register(in: catalog)
        RemarksController(database: database).register(in: catalog)
        ProgramsController(database: database).register(in: catalog)
        WishesController(database: database).register(in: catalog)
        AdmissionEvidenceController(database: database).register(in: catalog)
        ClearingController(database: database).register(in: catalog)
    }
}
