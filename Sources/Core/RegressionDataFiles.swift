extension RegressionData {
    /// Loads `Z` and `y` (and `x_star` when present) from `.npy` or `.csv` files in `directory`.
    public static func load(from directory: String) throws(CoreError) -> RegressionData {
        throw .dataFile(path: directory, reason: "loading is not implemented yet")
    }

    /// Writes `Z`, `y`, `x_star`, `Z_test` and `y_test` as `.npy` files into `directory`.
    public func save(to directory: String) throws(CoreError) {
        throw .dataFile(path: directory, reason: "saving is not implemented yet")
    }
}
