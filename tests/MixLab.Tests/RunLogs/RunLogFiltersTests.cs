using MixLab.RunLogs;

namespace MixLab.Tests.RunLogs;

public sealed class RunLogFiltersTests
{
    [Fact]
    public void DropHighestLoss5_OnEpochCsv_Leaves240RowsBelowThreshold()
    {
        var all = TestData.ChinchillaAll();
        var kept = RunLogFilters.DropHighestLoss(all, 5, out int dropped);
        Assert.Equal(5, dropped);
        Assert.Equal(240, kept.RowCount);
        var loss = kept.Numeric("loss");
        Assert.All(loss, l => Assert.True(l < 3.446995, $"kept loss {l}"));
        // laws.md §3.3: the dropped losses are 3.4470, 3.7656, 3.7939, 4.6652 and 5.0056.
        var droppedLosses = all.Numeric("loss").Except(loss).Order().ToArray();
        Assert.Equal([3.4470, 3.7656, 3.7939, 4.6652, 5.0056], droppedLosses.Select(v => Math.Round(v, 4)).ToArray());
        // Derived columns follow the selected rows.
        var n = kept.Numeric("params");
        var flops = kept.Numeric("flops");
        var d = kept.Numeric("tokens");
        for (int i = 0; i < kept.RowCount; i++) Assert.Equal(flops[i] / (6 * n[i]), d[i], d[i] * 1e-15);
        // Row order and source lines are preserved.
        Assert.True(kept.Lines.Zip(kept.Lines.Skip(1)).All(p => p.First < p.Second));
    }

    private static RunLogTable Losses(params double[] loss) => new("t.csv", ["loss"],
        new Dictionary<string, string?[]> { ["loss"] = loss.Select(v => (string?)v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
        Enumerable.Range(2, loss.Length).ToArray());

    [Fact]
    public void DropHighestLoss_KeepsRowsStrictlyBelowTheKthHighest_SoTiesDropMore()
    {
        var kept = RunLogFilters.DropHighestLoss(Losses(1, 5, 3, 4, 4, 2), 2, out int dropped);
        // 2nd-highest loss is 4; both 4s and the 5 go.
        Assert.Equal(3, dropped);
        Assert.Equal([1.0, 3.0, 2.0], kept.Numeric("loss"));
        Assert.Equal([2, 4, 7], kept.Lines);
    }

    [Fact]
    public void DropHighestLoss_ZeroOrNegativeK_KeepsEverything()
    {
        var t = Losses(1, 2, 3);
        Assert.Same(t, RunLogFilters.DropHighestLoss(t, 0, out int d0));
        Assert.Equal(0, d0);
        Assert.Same(t, RunLogFilters.DropHighestLoss(t, -1, out _));
    }

    [Fact]
    public void DropHighestLoss_KAtLeastRowCount_Throws()
    {
        var e = Assert.Throws<RunLogException>(() => RunLogFilters.DropHighestLoss(Losses(1, 2, 3), 3, out _));
        Assert.Equal("loss", e.Column);
    }
}
