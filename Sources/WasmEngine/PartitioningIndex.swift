extension RandomAccessCollection {
    /// The first index whose element satisfies `isAbove`, or `endIndex`: a binary search, for
    /// a collection in which every element that satisfies it comes after every one that does
    /// not.
    func partitioningIndex(where isAbove: (Element) -> Bool) -> Index {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = index(low, offsetBy: distance(from: low, to: high) / 2)
            if isAbove(self[middle]) { high = middle } else { low = index(after: middle) }
        }
        return low
    }
}
