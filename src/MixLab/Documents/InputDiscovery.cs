namespace MixLab.Documents;

/// <summary>
/// Turns the input paths of a run into a deterministic, ordered list of inputs (curation spec §0.1 item 6:
/// deterministic outputs; §2.1: executors shard the input file list). A file is one input, its kind taken from its
/// extension (<c>.jsonl</c>/<c>.ndjson</c>, <c>.jsonl.gz</c>/<c>.json.gz</c>, <c>.jsonl.zst</c>/<c>.json.zst</c>, <c>.parquet</c>). A folder
/// with a <c>license.json</c> sidecar is one text-folder input; any other folder is expanded recursively into its
/// JSONL/Parquet files in ordinal order of their paths, and a folder holding none of those but other files is one
/// text-folder input. Paths keep the order given; a file listed twice is read once. A missing path, an unsupported
/// file type or an empty folder throws <see cref="DocumentInputException"/>.
/// </summary>
public static class InputDiscovery
{
    public static IReadOnlyList<DocumentInput> Expand(IEnumerable<string> paths)
    {
        var result = new List<DocumentInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(DocumentInput input)
        {
            if (seen.Add(input.Path)) result.Add(input);
        }
        foreach (var given in paths)
        {
            if (string.IsNullOrWhiteSpace(given)) throw new DocumentInputException("input path is empty");
            var full = Path.GetFullPath(given);
            if (File.Exists(full))
            {
                var kind = KindOfFile(full) ?? throw new DocumentInputException(
                    $"unsupported input file type: {given} (expected .jsonl, .jsonl.gz, .jsonl.zst or .parquet, or a folder of text files)");
                Add(new DocumentInput(full, kind));
            }
            else if (Directory.Exists(full))
            {
                if (File.Exists(Path.Combine(full, TextFolderReader.FolderSidecarName)))
                {
                    Add(new DocumentInput(full, DocumentInputKind.TextFolder));
                    continue;
                }
                var files = VisibleFilesUnder(full)
                    .Select(f => (Path: f, Kind: KindOfFile(f)))
                    .Where(f => f.Kind is not null)
                    .OrderBy(f => f.Path, StringComparer.Ordinal)
                    .ToList();
                if (files.Count > 0)
                {
                    foreach (var f in files) Add(new DocumentInput(f.Path, f.Kind!.Value));
                }
                else if (Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Any(f => !TextFolderReader.IsSidecar(Path.GetFileName(f))))
                {
                    Add(new DocumentInput(full, DocumentInputKind.TextFolder));
                }
                else
                {
                    throw new DocumentInputException("no input files in folder: " + given);
                }
            }
            else
            {
                throw new DocumentInputException("input not found: " + given);
            }
        }
        return result;
    }

    /// <summary>The input kind of a data file from its extension (case-insensitive), or null when it is not one.</summary>
    public static DocumentInputKind? KindOfFile(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".jsonl.zst", StringComparison.Ordinal) || name.EndsWith(".json.zst", StringComparison.Ordinal)) return DocumentInputKind.JsonlZstd;
        if (name.EndsWith(".jsonl.gz", StringComparison.Ordinal) || name.EndsWith(".json.gz", StringComparison.Ordinal)) return DocumentInputKind.JsonlGzip;
        if (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".ndjson", StringComparison.Ordinal)) return DocumentInputKind.Jsonl;
        if (name.EndsWith(".parquet", StringComparison.Ordinal)) return DocumentInputKind.Parquet;
        return null;
    }

    /// <summary>Every file below <paramref name="folder"/>, recursively, skipping hidden and system files (the one
    /// definition used by input discovery and by the text-folder reader).</summary>
    internal static IEnumerable<string> VisibleFilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System });
}
