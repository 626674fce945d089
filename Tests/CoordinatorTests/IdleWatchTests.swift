import Journaling
import Serving
import Testing

@Suite("Idle watch")
struct IdleWatchTests {
    func progress(pending: Int, workers: Int, serving: Bool = true) -> SweepProgress {
        SweepProgress(total: 10, done: 10 - pending, failed: 0, running: 0, pending: pending, workers: workers, elapsed: 0, recordedThisRun: 0, serving: serving)
    }

    @Test("speaks once no worker has been connected for longer than its limit while trials are pending")
    func speaksAfterLimit() {
        var watch = IdleWatch(after: 5, repeatInterval: 60)
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 100) == nil)
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 105) == nil)
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 105.5) == .idle(seconds: 5.5, first: true))
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 110) == .idle(seconds: 10, first: false))
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 165.5) == .idle(seconds: 65.5, first: true))
    }

    @Test("a connected worker, nothing pending, or a coordinator no longer serving ends the idle spell")
    func resets() {
        var watch = IdleWatch(after: 5)
        _ = watch.observe(progress(pending: 3, workers: 0), now: 0)
        #expect(watch.observe(progress(pending: 3, workers: 1), now: 10) == nil)
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 11) == nil)
        #expect(watch.observe(progress(pending: 0, workers: 0), now: 20) == nil)
        #expect(watch.observe(progress(pending: 3, workers: 0, serving: false), now: 30) == nil)
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 31) == nil)
        #expect(watch.observe(progress(pending: 3, workers: 0), now: 36.5) == .idle(seconds: 5.5, first: true))
    }
}
