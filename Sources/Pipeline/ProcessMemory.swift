// Pipeline: the allocator setting for a batch run that handles messages of several MB
// (issue 10, P5: peak RSS ≤ 64 MB with 4 MB messages).

#if os(Linux)
/// glibc's `int mallopt(int param, int value)` (<malloc.h>, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_MMAP_THRESHOLD` in <malloc.h>.
private let mmapThreshold: Int32 = -3
#endif

/// Process-wide memory settings for a run.
public enum ProcessMemory {
    /// glibc raises its mmap threshold to the size of every large block freed, up to 32 MB: after
    /// the first 4 MB message, later ones come from the heap, which keeps its high-water mark
    /// (measured: 73 MB peak instead of 63 MB on a mailbox with one 4 MB message). A fixed
    /// threshold keeps blocks of 128 KB and more in their own mappings, returned when freed.
    /// Call once at start, before any work; a no-op elsewhere than Linux.
    public static func returnLargeBlocksToTheSystem() {
        #if os(Linux)
        _ = glibcMallopt(mmapThreshold, 128 * 1024)
        #endif
    }
}
