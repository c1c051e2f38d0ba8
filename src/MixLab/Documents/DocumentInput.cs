namespace MixLab.Documents;

/// <summary>The kinds of input MixLab reads (DESIGN.md "Data contracts"; issue: readers).</summary>
public enum DocumentInputKind
{
    Jsonl,
    JsonlGzip,
    JsonlZstd,
    Parquet,

    /// <summary>A folder of UTF-8 text files with an optional licence sidecar (<see cref="TextFolderReader"/>).</summary>
    TextFolder,
}

/// <summary>One input of a run, as found by <see cref="InputDiscovery.Expand"/>: a full path and how to read it.</summary>
public sealed record DocumentInput(string Path, DocumentInputKind Kind);
