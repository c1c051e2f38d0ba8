namespace MixLab.RunLogs;

/// <summary>Row filters applied before fitting.</summary>
public static class RunLogFilters
{
    /// <summary>
    /// Epoch AI's outlier rule: keep the rows whose loss is strictly below the k-th highest loss, which drops the
    /// k highest-loss rows (more if several tie at the threshold). k = 5 on the Chinchilla data leaves 240 rows.
    /// </summary>
    public static RunLogTable DropHighestLoss(RunLogTable table, int k, out int dropped)
    {
        if (k <= 0) { dropped = 0; return table; }
        var loss = table.Numeric(RunLogColumns.Loss);
        if (k >= loss.Length) throw new RunLogException(table.File, null, RunLogColumns.Loss, $"--drop-highest-loss {k} would drop all {loss.Length} rows");
        double threshold = loss.OrderDescending().ElementAt(k - 1);
        var keep = Enumerable.Range(0, loss.Length).Where(i => loss[i] < threshold).ToArray();
        dropped = loss.Length - keep.Length;
        return table.Select(keep);
    }
}
