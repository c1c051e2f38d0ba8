using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MixLab.Cli.Tests;

/// <summary>What one run of the <c>mixlab</c> program did.</summary>
public sealed record MixlabResult(IReadOnlyList<string> Args, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-blank lines written to stderr.</summary>
    public string[] StderrLines =>
        Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();

    /// <summary>A description for assertion messages: the command, the exit code and both streams.</summary>
    public override string ToString() =>
        $"mixlab {string.Join(' ', Args.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}\n" +
        $"exit code: {ExitCode}\n--- stderr ---\n{Stderr}\n--- stdout ---\n{(Stdout.Length > 4000 ? Stdout[..4000] + "..." : Stdout)}";
}

/// <summary>
/// Runs the built <c>mixlab</c> command as a child process (<c>dotnet mixlab.dll ...</c>, the dll the project reference
/// copies next to the test assembly) from the repository root, with a timeout, capturing stdout and stderr.
/// </summary>
public static class MixlabRunner
{
    /// <summary>Longest a single run may take before it is killed and the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The folder holding MixLab.sln, found by walking up from the test assembly.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>mixlab.dll, next to the test assembly.</summary>
    public static string MixlabDll { get; } = Path.Combine(AppContext.BaseDirectory, "mixlab.dll");

    /// <summary>Epoch AI's published Chinchilla data: ../shared/data beside the repository.</summary>
    public static string EpochData { get; } =
        Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "epoch_chinchilla_svg_extracted_data.csv"));

    /// <summary>The bundled own-format sample of Chinchilla-style runs (relative to the repository root).</summary>
    public const string ChinchillaRuns = "samples/runs/chinchilla-runs.csv";

    /// <summary>The bundled three-domain mixing sample (relative to the repository root).</summary>
    public const string MixingRuns = "samples/runs/mixing-runs.csv";

    /// <summary>Runs <c>mixlab</c> with <paramref name="args"/> and the default timeout.</summary>
    public static MixlabResult Run(params string[] args) => Run(DefaultTimeout, args);

    /// <summary>Runs <c>mixlab</c> with <paramref name="args"/>; fails the test if it runs longer than <paramref name="timeout"/>.</summary>
    public static MixlabResult Run(TimeSpan timeout, params string[] args)
    {
        Assert.True(File.Exists(MixlabDll), $"mixlab.dll not found next to the tests at {MixlabDll}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(MixlabDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("MIXLAB_DEBUG"); // the user-facing behaviour, not the debugging one
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            Assert.Fail($"mixlab {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s\n" +
                        $"--- stderr ---\n{(stderr.Wait(2000) ? stderr.Result : "")}");
        }
        process.WaitForExit(); // flushes the redirected streams
        return new MixlabResult(args, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Asserts the contract for bad arguments and bad input: exit code 2, exactly one line on stderr, no stack trace,
    /// not reported as an internal error, and the line contains every one of <paramref name="mentions"/>.
    /// Returns the line.
    /// </summary>
    public static string AssertBadInput(MixlabResult r, params string[] mentions)
    {
        Assert.True(r.ExitCode == 2, $"expected exit code 2\n{r}");
        Assert.True(r.StderrLines.Length == 1, $"expected exactly one line on stderr\n{r}");
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("internal error", r.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", r.Stderr);
        var line = r.StderrLines[0];
        foreach (var m in mentions)
            Assert.True(line.Contains(m, StringComparison.Ordinal), $"the error should mention '{m}': {line}");
        return line;
    }

    /// <summary>Asserts that <paramref name="message"/> names line <paramref name="line"/> (as "file:N", "line N" or "row N").</summary>
    public static void AssertNamesLine(string message, int line) =>
        Assert.Matches(new Regex($@"(:|\bline\s*|\brow\s*){line}(?!\d)", RegexOptions.IgnoreCase), message);

    private static string DotnetHost()
    {
        // Under `dotnet test` the test host itself runs in dotnet: use the same one.
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null)
        {
            var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        return "dotnet";
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MixLab.sln"))) return dir.FullName;
        throw new InvalidOperationException($"MixLab.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates an empty folder under the system temporary folder.</summary>
    public TempDir() => Path = Directory.CreateTempSubdirectory("mixlab-cli-tests-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to a file in the folder and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var path = this[name];
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
