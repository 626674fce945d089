import Dispatch

/// Seconds on the system's monotonic clock: the `now` that the coordinator's and the worker's
/// state machines and the launchers' supervisors compare, never a time of day.
public enum MonotonicClock {
    /// Seconds since an arbitrary fixed point (boot, on Linux); only differences mean anything.
    public static func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
