using System.Text;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Where a curation run puts things under its output folder. Everything that depends on an input file is named after
/// the input's position and name (its "stem", e.g. <c>00003-wiki</c>), never after a task rank, so that 1, 2 or 4 tasks
/// write the same files byte for byte and a run can be resumed with another task count.
/// <code>
/// output/STEM_00000.jsonl.zst     kept documents
/// excluded/STEP/STEM_00000...     what each step dropped (metadata.filter_reason)
/// rejects/STEM.jsonl              records that could not be read (file, line, reason, raw)
/// stats/STEM.json                 per-input statistics, merged into stats.json
/// completions/STEM                per-input completion marker (completions/STEM.stage1 for the first stage)
/// completions/rank-R-of-N         per-task completion marker
/// work/                           first-stage files of a pipeline with global dedup
/// stats.json, manifest.json
/// </code>
/// </summary>
public sealed class OutputLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Output => Path.Combine(Root, "output");
    public string Excluded(string step) => Path.Combine(Root, "excluded", step);
    public string ExcludedRoot => Path.Combine(Root, "excluded");
    public string Rejects(string stem) => Path.Combine(Root, "rejects", stem + ".jsonl");
    public string StatsFor(string stem) => Path.Combine(Root, "stats", stem + ".json");
    public string Completion(string stem) => Path.Combine(Root, "completions", stem);
    public string StageOneCompletion(string stem) => Path.Combine(Root, "completions", stem + ".stage1");
    public string TaskCompletion(int rank, int tasks) => Path.Combine(Root, "completions", $"rank-{rank}-of-{tasks}");
    public string Work => Path.Combine(Root, "work");
    public string WorkStats(string stem) => Path.Combine(Work, stem + ".stats.json");
    public string WorkHashes(string stem) => Path.Combine(Work, stem + ".hashes");
    public string Progress(int rank) => Path.Combine(Root, "progress", $"rank-{rank}.json");
    public string StatsJson => Path.Combine(Root, "stats.json");
    public string Manifest => Path.Combine(Root, "manifest.json");
    public string ConfigLock => Path.Combine(Root, "config.json");

    /// <summary>"00003-name" from the input's index and file name (extensions dropped, unsafe characters replaced).</summary>
    public static string Stem(int index, string path)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var ext in new[] { ".jsonl.zst", ".jsonl.gz", ".json.zst", ".json.gz", ".jsonl", ".json", ".parquet" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) { name = name[..^ext.Length]; break; }
        }
        var sb = new StringBuilder(name.Length);
        foreach (char c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        if (sb.Length > 80) sb.Length = 80;
        return $"{index:D5}-{sb}";
    }
}
