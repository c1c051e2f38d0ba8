namespace MixLab.Planning.Cmr;

/// <summary>
/// One continual-pre-training run at domain ratio R: its checkpoints (T in token units, T &gt; 0) with the general and
/// domain loss changes from the pre-CPT model, ΔL = L^CPT − L (the quantities the CMR laws model).
/// </summary>
public sealed record CmrRun(string Name, double Ratio, double BaseGeneral, double BaseDomain, double[] Tokens, double[] GeneralDelta, double[] DomainDelta, int[] Lines)
{
    /// <summary>The run with only the given checkpoints (for resampling).</summary>
    public CmrRun Take(int[] index) => this with
    {
        Tokens = index.Select(i => Tokens[i]).ToArray(),
        GeneralDelta = index.Select(i => GeneralDelta[i]).ToArray(),
        DomainDelta = index.Select(i => DomainDelta[i]).ToArray(),
        Lines = index.Select(i => Lines[i]).ToArray(),
    };
}
