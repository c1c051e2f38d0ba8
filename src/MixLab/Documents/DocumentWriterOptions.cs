namespace MixLab.Documents;

/// <summary>
/// Options of the shard writers (DESIGN.md "Data contracts"; curation spec §0.1 item 6 and §4: sane Parquet row
/// groups of about 100k rows, datatrove PR #514). Bound from config with snake_case names (<c>max_shard_bytes</c>, ...).
/// </summary>
public sealed class DocumentWriterOptions
{
    /// <summary>A new shard starts when the current one would exceed this many bytes of uncompressed JSON lines
    /// (a single larger document gets a shard of its own). Default 1 GiB.</summary>
    public long MaxShardBytes { get; init; } = 1L << 30;

    /// <summary>zstd level of <c>.jsonl.zst</c> shards. Default 3.</summary>
    public int ZstdLevel { get; init; } = 3;

    /// <summary>Parquet row group size in rows. Default 100,000.</summary>
    public int RowGroupRows { get; init; } = 100_000;

    /// <summary>A Parquet row group is also closed when its buffered text reaches this many bytes. Default 128 MiB.</summary>
    public long RowGroupBytes { get; init; } = 128L << 20;
}

/// <summary>Output formats of the shard writers.</summary>
public enum DocumentOutputFormat
{
    Jsonl,
    JsonlGzip,
    JsonlZstd,
    Parquet,
}

/// <summary>Names and file extensions of <see cref="DocumentOutputFormat"/> ("jsonl", "jsonl.gz", "jsonl.zst", "parquet").</summary>
public static class DocumentOutputFormats
{
    public static string Extension(this DocumentOutputFormat format) => format switch
    {
        DocumentOutputFormat.Jsonl => ".jsonl",
        DocumentOutputFormat.JsonlGzip => ".jsonl.gz",
        DocumentOutputFormat.JsonlZstd => ".jsonl.zst",
        DocumentOutputFormat.Parquet => ".parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Parses a format name (case-insensitive; a leading dot and "zstd"/"gzip" spellings allowed).</summary>
    public static bool TryParse(string name, out DocumentOutputFormat format)
    {
        switch (name.Trim().TrimStart('.').ToLowerInvariant())
        {
            case "jsonl": format = DocumentOutputFormat.Jsonl; return true;
            case "jsonl.gz" or "jsonl.gzip" or "gz" or "gzip": format = DocumentOutputFormat.JsonlGzip; return true;
            case "jsonl.zst" or "jsonl.zstd" or "zst" or "zstd": format = DocumentOutputFormat.JsonlZstd; return true;
            case "parquet": format = DocumentOutputFormat.Parquet; return true;
            default: format = default; return false;
        }
    }
}
