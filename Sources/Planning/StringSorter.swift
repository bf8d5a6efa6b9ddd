import ChangeLists

/// Sorts packed byte strings by unsigned byte order with multikey quicksort (Bentley & Sedgewick, 1997).
///
/// URL paths share long prefixes (`/assets/images/…`), which makes comparison sorts slow: each comparison re-reads
/// the common prefix. Multikey quicksort partitions on one byte at a time and never looks at a byte twice per level.
enum StringSorter {
    /// Indices of `strings` in ascending byte order (a proper prefix sorts before the longer string).
    static func sortedIndices(_ strings: ByteStrings) -> [Int32] {
        var order = (0..<Int32(strings.count)).map { $0 }
        guard strings.count > 1 else { return order }
        if isSorted(order, strings) { return order }
        strings.bytes.withUnsafeBufferPointer { bytes in
            strings.starts.withUnsafeBufferPointer { starts in
                order.withUnsafeMutableBufferPointer { order in
                    var sorter = Sorter(bytes: bytes, starts: starts, order: order)
                    sorter.sort(0, order.count, depth: 0)
                }
            }
        }
        return order
    }

    /// Whether `order` already lists the strings in ascending order (sources such as git print sorted names).
    static func isSorted(_ order: [Int32], _ strings: ByteStrings) -> Bool {
        var index = 1
        while index < order.count {
            if !strings[Int(order[index - 1])].lexicographicallyPrecedes(strings[Int(order[index])])
                && strings[Int(order[index - 1])] != strings[Int(order[index])]
            {
                return false
            }
            index += 1
        }
        return true
    }

    /// The partitioning state over raw buffers; `-1` stands for "past the end of the string".
    private struct Sorter {
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int>
        let order: UnsafeMutableBufferPointer<Int32>

        /// The byte of string `item` at `depth`, or -1 when the string is shorter.
        @inline(__always) func key(_ item: Int32, _ depth: Int) -> Int {
            let start = starts[Int(item)]
            let end = starts[Int(item) + 1]
            return start + depth < end ? Int(bytes[start + depth]) : -1
        }

        /// Sorts `order[low..<high]`, whose strings all share their first `depth` bytes.
        mutating func sort(_ low: Int, _ high: Int, depth: Int) {
            var low = low
            var high = high
            var depth = depth
            while high - low > 1 {
                if high - low < 16 {
                    insertionSort(low, high, depth: depth)
                    return
                }
                let pivot = medianOfThree(low, high, depth)
                // Three-way partition: [low, lt) < pivot, [lt, gt) == pivot, [gt, high) > pivot.
                var lt = low
                var gt = high
                var index = low
                while index < gt {
                    let value = key(order[index], depth)
                    if value < pivot {
                        order.swapAt(lt, index)
                        lt += 1
                        index += 1
                    } else if value > pivot {
                        gt -= 1
                        order.swapAt(gt, index)
                    } else {
                        index += 1
                    }
                }
                // Recurse into the smaller outer parts; loop on the largest part to bound the stack.
                sort(low, lt, depth: depth)
                sort(gt, high, depth: depth)
                if pivot < 0 { return }  // the equal part holds identical, finished strings
                low = lt
                high = gt
                depth += 1
            }
        }

        /// The median byte of the first, middle and last string at `depth`.
        func medianOfThree(_ low: Int, _ high: Int, _ depth: Int) -> Int {
            let a = key(order[low], depth)
            let b = key(order[(low + high) / 2], depth)
            let c = key(order[high - 1], depth)
            return max(min(a, b), min(max(a, b), c))
        }

        /// Plain insertion sort comparing from `depth` on, for small ranges.
        mutating func insertionSort(_ low: Int, _ high: Int, depth: Int) {
            var index = low + 1
            while index < high {
                let item = order[index]
                var position = index
                while position > low, less(item, order[position - 1], depth) {
                    order[position] = order[position - 1]
                    position -= 1
                }
                order[position] = item
                index += 1
            }
        }

        /// Whether string `a` sorts before string `b`, both known equal before `depth`.
        func less(_ a: Int32, _ b: Int32, _ depth: Int) -> Bool {
            var aIndex = starts[Int(a)] + depth
            var bIndex = starts[Int(b)] + depth
            let aEnd = starts[Int(a) + 1]
            let bEnd = starts[Int(b) + 1]
            while aIndex < aEnd, bIndex < bEnd {
                if bytes[aIndex] != bytes[bIndex] { return bytes[aIndex] < bytes[bIndex] }
                aIndex += 1
                bIndex += 1
            }
            return aIndex == aEnd && bIndex < bEnd
        }
    }
}
