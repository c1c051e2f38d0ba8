namespace MixLab.Documents;

/// <summary>
/// A record that could not be read as a document (invalid JSON, invalid UTF-8, missing text, over the size limit,
/// truncated compressed stream, unreadable Parquet): where it was, why, and the raw bytes when they are at hand
/// (cut to a bounded length), so that nothing is lost silently. Written to the rejects file of a run.
/// </summary>
public sealed record RejectedRecord(string File, long Line, string Reason, string? Raw);

/// <summary>One item of a reader's stream: either a document or a rejected record, never both.</summary>
public readonly record struct ReadItem(Document? Document, RejectedRecord? Reject)
{
    public static ReadItem Of(Document d) => new(d, null);

    public static ReadItem Rejected(RejectedRecord r) => new(null, r);
}

/// <summary>Reads documents from one input (a file or a folder of text files), in order, without loading it whole.</summary>
public interface IDocumentReader
{
    /// <summary>Streams the input. Malformed records come out as rejects and reading goes on; only a missing or
    /// unopenable input throws (<see cref="DocumentInputException"/>).</summary>
    IEnumerable<ReadItem> Read(CancellationToken cancellationToken = default);

    /// <summary>Bytes of the input read so far (compressed size for compressed files), for progress in MB/s.</summary>
    long BytesRead { get; }
}

/// <summary>Writes kept (or excluded) documents to size-bounded shards; <see cref="Complete"/> publishes them by rename.</summary>
public interface IDocumentWriter : IDisposable
{
    void Write(Document document);

    /// <summary>Flushes, closes and renames the temporary shards into place; returns the final shard paths.</summary>
    IReadOnlyList<string> Complete();
}

/// <summary>A bad input path or unreadable input as a whole: a user mistake with a one-line message naming the file.</summary>
public sealed class DocumentInputException(string message) : Exception(message);
