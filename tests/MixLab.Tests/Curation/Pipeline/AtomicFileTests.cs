using MixLab.Curation.Pipeline;

namespace MixLab.Tests.Curation.Pipeline;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"mixlab-atomic-{Guid.NewGuid():N}");

    public AtomicFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Stale_temporaries_of_a_killed_process_are_removed_and_this_process_keeps_its_own()
    {
        string target = Path.Combine(_dir, "00001-a.json");
        string stale = target + ".999999.4.tmp";
        string own = $"{target}.{Environment.ProcessId}.1.tmp";
        string otherInput = Path.Combine(_dir, "00002-b.json.999999.4.tmp");
        foreach (var f in new[] { stale, own, otherInput }) File.WriteAllText(f, "x");

        AtomicFile.DeleteStaleTemps(target, TimeSpan.FromHours(1)); // all are new: kept
        Assert.True(File.Exists(stale));

        AtomicFile.DeleteStaleTemps(target);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(own));
        Assert.True(File.Exists(otherInput));

        AtomicFile.WriteAllText(target, "done");
        Assert.Equal("done", File.ReadAllText(target));
    }
}
