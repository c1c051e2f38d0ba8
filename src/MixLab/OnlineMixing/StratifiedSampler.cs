namespace MixLab.OnlineMixing;

/// <summary>A deterministic per-step domain schedule: <see cref="Batches"/>[step][slot] is the domain index of that sample.</summary>
/// <param name="Batches">Domain index per step and batch slot.</param>
/// <param name="Counts">Samples per domain over the whole schedule.</param>
/// <param name="Warnings">E.g. a domain with a positive proportion that gets no sample.</param>
public sealed record DomainSchedule(int[][] Batches, int[] Counts, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns proportions into a seeded, reproducible domain schedule for <c>steps</c> batches of <c>batchSize</c> samples:
/// per-domain counts over the whole interval by largest remainder (each within 1 of p_l·N, summing exactly to N), then a
/// seeded shuffle. Unlike the reference code's per-batch ⌊p_l·B⌋ rule (spec §2.5 item 3), counts are never negative,
/// batches always hold exactly B samples and the realized mixture matches p as closely as N allows.
/// </summary>
public static class StratifiedSampler
{
    /// <summary>Per-domain counts summing to <paramref name="total"/>: ⌊p_l·N⌋ plus one for the largest remainders (ties to the lower index).</summary>
    public static int[] Counts(IReadOnlyList<double> proportions, int total)
    {
        int m = proportions.Count;
        var counts = new int[m];
        var rem = new double[m];
        int used = 0;
        for (int l = 0; l < m; l++)
        {
            double x = proportions[l] * total;
            counts[l] = (int)Math.Floor(x + 1e-9);
            rem[l] = x - counts[l];
            used += counts[l];
        }
        var order = Enumerable.Range(0, m).OrderByDescending(l => rem[l]).ThenBy(l => l).ToArray();
        for (int r = 0; used < total; r = (r + 1) % m) { counts[order[r]]++; used++; }
        for (int r = m - 1; used > total; r = (r + m - 1) % m) if (counts[order[r]] > 0) { counts[order[r]]--; used--; }
        return counts;
    }

    /// <summary>Builds the schedule; <paramref name="domains"/> only names domains in warnings.</summary>
    public static DomainSchedule Schedule(IReadOnlyList<double> proportions, int steps, int batchSize, ulong seed, IReadOnlyList<string>? domains = null)
    {
        if (steps < 0 || batchSize < 1) throw new ArgumentException($"steps ({steps}) must be ≥ 0 and batch size ({batchSize}) ≥ 1");
        var warnings = new List<string>();
        var p = MixingMath.CheckProportions(domains ?? proportions.Select((_, l) => "domain " + l).ToArray(), proportions, "sampler", warnings);
        int total = steps * batchSize;
        var counts = Counts(p, total);
        for (int l = 0; l < p.Length; l++)
            if (p[l] > 0 && counts[l] == 0 && total > 0)
                warnings.Add($"sampler: {(domains is null ? "domain " + l : domains[l])} has proportion {p[l]:G4} but gets no sample in {steps} steps of {batchSize}");
        var flat = new int[total];
        int k = 0;
        for (int l = 0; l < counts.Length; l++) for (int c = 0; c < counts[l]; c++) flat[k++] = l;
        new PolicyRandom(seed).Shuffle(flat);
        var batches = new int[steps][];
        for (int s = 0; s < steps; s++) batches[s] = flat.AsSpan(s * batchSize, batchSize).ToArray();
        return new DomainSchedule(batches, counts, warnings);
    }
}
