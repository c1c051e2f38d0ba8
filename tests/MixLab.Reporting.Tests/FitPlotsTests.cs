using System.Buffers.Binary;
using MixLab.Laws;
using MixLab.Reporting;
using MixLab.RunLogs;

namespace MixLab.Reporting.Tests;

/// <summary>A small real fit of the bundled Chinchilla sample (bootstrap 50, every 45th start), shared by the tests.</summary>
public sealed class SampleFitFixture
{
    public SampleFitFixture()
    {
        var table = RunLogReader.Read(Path.Combine(RepoRoot(), "samples", "runs", "chinchilla-runs.csv"));
        var request = new FitRequest
        {
            Law = LawCatalog.Find("chinchilla") ?? throw new InvalidOperationException("no chinchilla law"),
            BootstrapSamples = 50,
            StartStride = 45,
            Seed = 42,
        };
        Fit = LawFitter.Fit(table, request);
    }

    public FitResult Fit { get; }

    /// <summary>The folder holding MixLab.sln, found by walking up from the test assembly.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MixLab.sln"))) return dir.FullName;
        throw new InvalidOperationException($"MixLab.sln not found above {AppContext.BaseDirectory}");
    }
}

public sealed class FitPlotsTests(SampleFitFixture fixture) : IClassFixture<SampleFitFixture>, IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _dir = Directory.CreateTempSubdirectory("mixlab-plots-tests-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Checks the PNG signature and the IHDR chunk; returns the width and height it declares.</summary>
    private static (int Width, int Height) ReadPngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1_000, $"{path}: only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8, 4))); // IHDR data length
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    [Fact]
    public void WriteAll_writes_PNG_files_that_exist_at_every_returned_path()
    {
        var paths = FitPlots.WriteAll(fixture.Fit, _dir);
        Assert.NotEmpty(paths);
        Assert.Equal(paths.Count, paths.Distinct().Count());
        foreach (var path in paths)
        {
            Assert.True(File.Exists(path), $"returned path does not exist: {path}");
            Assert.Equal(Path.GetFullPath(_dir), Path.GetDirectoryName(Path.GetFullPath(path)));
            Assert.EndsWith(".png", path);
            ReadPngSize(path);
        }
    }

    [Fact]
    public void Observed_vs_fitted_is_800_by_600()
    {
        var paths = FitPlots.WriteAll(fixture.Fit, _dir);
        var plot = Assert.Single(paths, p => Path.GetFileName(p) == "observed-vs-fitted.png");
        Assert.Equal((800, 600), ReadPngSize(plot));
    }

    [Fact]
    public void There_is_one_bootstrap_histogram_per_parameter_plus_the_two_fit_plots()
    {
        var paths = FitPlots.WriteAll(fixture.Fit, _dir).Select(Path.GetFileName).ToHashSet();
        Assert.Contains("observed-vs-fitted.png", paths);
        Assert.Contains("residuals.png", paths);
        foreach (var name in new[] { "E", "A", "B", "alpha", "beta" })
            Assert.Contains($"bootstrap-{name}.png", paths);
        Assert.Equal(2 + fixture.Fit.Parameters.Count, paths.Count);
    }

    [Fact]
    public void WriteAll_creates_a_missing_folder()
    {
        var nested = Path.Combine(_dir, "a", "b");
        var paths = FitPlots.WriteAll(fixture.Fit, nested);
        Assert.All(paths, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void Without_bootstrap_draws_only_the_two_fit_plots_are_written()
    {
        var table = RunLogReader.Read(Path.Combine(SampleFitFixture.RepoRoot(), "samples", "runs", "chinchilla-runs.csv"));
        var fit = LawFitter.Fit(table, new FitRequest { Law = LawCatalog.Find("chinchilla")!, BootstrapSamples = 0, StartStride = 45 });
        var paths = FitPlots.WriteAll(fit, _dir);
        Assert.Equal(new[] { "observed-vs-fitted.png", "residuals.png" }, paths.Select(p => Path.GetFileName(p)!).Order().ToArray());
        Assert.All(paths, p => ReadPngSize(p));
    }
}
