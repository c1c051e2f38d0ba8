using MixLab.RunLogs;

namespace MixLab.Tests;

/// <summary>
/// Locates the shared reference data. The repository may be cloned anywhere; <c>shared/</c> sits beside it, so
/// walk up from the test binaries to the folder holding MixLab.sln and look in <c>../shared/data</c>.
/// </summary>
internal static class TestData
{
    public const string ChinchillaCsvName = "epoch_chinchilla_svg_extracted_data.csv";

    /// <summary>Column map of the Epoch CSV: params = "Model Size", flops = "Training FLOP" (tokens are derived).</summary>
    public static IReadOnlyDictionary<string, string> ChinchillaMap { get; } = new Dictionary<string, string>
    {
        ["params"] = "Model Size",
        ["flops"] = "Training FLOP",
    };

    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MixLab.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains MixLab.sln");
    });

    /// <summary>The folder that contains MixLab.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>A file of <c>../shared/data</c> next to the repository; fails clearly when it is missing.</summary>
    public static string SharedData(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", name));
        if (!File.Exists(path)) throw new FileNotFoundException($"reference data not found at {path} (shared/ must sit beside the repository)", path);
        return path;
    }

    public static string ChinchillaCsv => SharedData(ChinchillaCsvName);

    /// <summary>The 245-row Epoch CSV with tokens derived as flops / (6 params).</summary>
    public static RunLogTable ChinchillaAll() => RunLogReader.Read(ChinchillaCsv, ChinchillaMap);

    /// <summary>The 240 rows kept by Epoch's outlier rule (loss strictly below the 5th-highest loss).</summary>
    public static RunLogTable Chinchilla240() => RunLogFilters.DropHighestLoss(ChinchillaAll(), 5, out _);
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mixlab-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file named <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
