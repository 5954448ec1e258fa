import Dispatch
import NIOCore
import NIOPosix

/// NIO's singleton event loops, handed out in turn.
///
/// `MultiThreadedEventLoopGroup.any()` returns the loop it is called on, and PostgresNIO's pool
/// opens its connections from one task, so every connection would sit on one loop. Tasks run on
/// NIO's loops (`Server.useEventLoopsForTasks`) and a task resumed by a query's answer stays on
/// the connection's loop, so the work after every query would then pile onto one core. Handing the
/// pool this group spreads the connections, and that work, over all the loops.
final class RoundRobinEventLoops: EventLoopGroup, Sendable {
    private let group = MultiThreadedEventLoopGroup.singleton

    func next() -> any EventLoop { group.next() }

    func makeIterator() -> EventLoopIterator { group.makeIterator() }

    /// The singleton's loops live as long as the process; like the singleton, this is not shut down.
    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
        group.shutdownGracefully(queue: queue, callback)
    }
}
