// Pipeline: the allocator setting for a batch run that handles messages of several MB
// (issue 10, P5: peak RSS ≤ 64 MB with 4 MB messages).

#if os(Linux)
/// glibc's `int mallopt(int param, int value)` (<malloc.h>, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
/// `M_MMAP_THRESHOLD` in <malloc.h>.
private let mmapThreshold: Int32 = -3
/// `M_ARENA_MAX` in <malloc.h>.
private let arenaMax: Int32 = -8
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
        // Two arenas for the fetch, storing and parse threads instead of up to 8 per core: each
        // arena keeps its own high-water mark of small blocks (10,000 P1 messages with
        // malloc_trim per batch: 64.3–65.2 MB peak with the default, 63.7–64.0 MB with 2).
        _ = glibcMallopt(arenaMax, 2)
        #endif
    }

    /// Gives the free pages inside the heaps back to the system (glibc `malloc_trim(0)`, which
    /// also releases free pages in the middle of each arena). Parse frees the blocks of a
    /// batch's reading on the worker threads' arenas; without this, the holes stay resident and
    /// the next 4 MB message's reading comes on top of them (measured: 62.2–63.2 → 58.2 MB peak
    /// at 500 P1 messages, 68.3 → 65.2 MB at 10,000) for no CPU change the runs could show.
    public static func returnFreedPages() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}
