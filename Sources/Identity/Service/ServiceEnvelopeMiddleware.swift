import Foundation
import HTTPTypes
import Hummingbird

/// What every call to the service goes through, in the order a real national service would apply
/// it: the request ID is settled, the answer is delayed, the rate limit and the injected failures
/// are applied, and any error becomes the protocol's JSON error with the request ID in it.
struct ServiceEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let service: PopulationRegistryService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = request.headers[HTTPField.Name(RegistryWire.requestIDHeader)!].flatMap { $0.isEmpty ? nil : $0 }
            ?? UUID().uuidString.lowercased()
        guard request.uri.path != "/health" else { return try await next(request, context) }
        service.counters.enter()
        defer { service.counters.leave() }
        var response: Response
        do {
            await service.delay()
            try service.admit()
            response = try await next(request, context)
        } catch let problem as RegistryProblem {
            response = problem.response(requestID: requestID)
        } catch let error as HTTPError where error.status == .notFound {
            response = RegistryProblem(status: .notFound, code: "not_found", message: "no such endpoint: \(request.method) \(request.uri.path)")
                .response(requestID: requestID)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            response = RegistryProblem(status: .contentTooLarge, code: "batch_too_large",
                                       message: "the body is larger than a lookup of \(service.settings.maxBatchSize) IDs can be")
                .response(requestID: requestID)
        } catch let error as HTTPError {
            response = RegistryProblem(status: error.status, code: "invalid_request", message: error.body ?? "\(error.status)")
                .response(requestID: requestID)
        } catch {
            service.logger.error("registry request failed", metadata: ["requestId": "\(requestID)", "error": "\(error)"])
            response = RegistryProblem(status: .internalServerError, code: "internal_error", message: "the request could not be answered")
                .response(requestID: requestID)
        }
        response.headers[HTTPField.Name(RegistryWire.requestIDHeader)!] = requestID
        return response
    }
}

extension PopulationRegistryService {
    /// Sleeps for the configured latency plus its random jitter.
    func delay() async {
        var pause = settings.latency
        if settings.latencyJitter > .zero {
            let share = random.withLock { $0.unit() }
            pause += settings.latencyJitter * share
        }
        if pause > .zero { try? await Task.sleep(for: pause) }
    }

    /// Refuses the request when over the rate limit (429) or when chosen to fail (500 or 503).
    func admit() throws(RegistryProblem) {
        if let wait = rateLimiter.withLock({ bucket -> Duration? in bucket?.tryTake() }) {
            counters.update { $0.rateLimited += 1 }
            throw RegistryProblem(status: .tooManyRequests, code: "rate_limited",
                                  message: "more than \(settings.rateLimit ?? 0) requests a second", retryAfterSeconds: max(1, Int(wait.seconds.rounded(.up))))
        }
        guard settings.errorRate > 0 else { return }
        let (fails, unavailable) = random.withLock { ($0.unit() < settings.errorRate, $0.unit() < 0.5) }
        guard fails else { return }
        counters.update { $0.injectedFailures += 1 }
        throw unavailable
            ? RegistryProblem(status: .serviceUnavailable, code: "unavailable", message: "the registry is unavailable, try again")
            : RegistryProblem(status: .internalServerError, code: "internal_error", message: "the registry failed to answer")
    }
}
