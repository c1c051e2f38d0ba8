using MixLab.Planning.Cmr;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>Check V9's critical-point part (laws.md §1.4, §6): Eq. 26 solved by scan and bisection.</summary>
public sealed class CriticalPointTests
{
    // ΔL_dom = −0.3 T^0.2 + 0 (α1 s1 < 0); ΔL_gen = 0.05 T^0.3 − 0.01 T^0.6: rises, peaks at T = 2.5^(1/0.3) ≈ 21.2, falls.
    private static readonly TokenCurves Bump = new(-0.3, 0.2, 0, 0.05, 0.3, -0.01, 0.6, 0);

    [Fact]
    public void ClosedFormPeak_IsTheTurningPointOfTheGeneralLoss()
    {
        double? peak = CriticalPoint.PeakClosedForm(Bump);
        Assert.NotNull(peak);
        Assert.Equal(Math.Pow(2.5, 1 / 0.3), peak!.Value, 1e-9);
        Assert.Equal(0.0, Bump.GeneralSlope(peak.Value), 1e-15);
    }

    [Fact]
    public void V9_T0_ConvergesToTheClosedFormPeakAsLambdaGrows()
    {
        double peak = CriticalPoint.PeakClosedForm(Bump)!.Value;
        double previousGap = double.PositiveInfinity;
        foreach (double lambda in new[] { 100.0, 1000.0, 7000.0 })
        {
            var r = CriticalPoint.Solve(Bump, lambda, 0.1, 100);
            Assert.Equal(CriticalPointKind.Crossing, r.Kind);
            double t0 = r.T0!.Value;
            // The domain term pulls T0 below the peak; the gap shrinks as λ grows.
            Assert.True(t0 < peak, $"λ = {lambda}: T0 = {t0} not below the peak {peak}");
            double gap = peak - t0;
            Assert.True(gap < previousGap, $"λ = {lambda}: gap {gap} did not shrink");
            previousGap = gap;
            // T0 solves Eq. 26.
            Assert.Equal(0.0, Bump.DomainSlope(t0) + lambda * Bump.GeneralSlope(t0), 1e-9);
        }
        Assert.True(previousGap / peak < 0.01, $"λ = 7000 still {previousGap / peak:P2} below the peak");
        var infinite = CriticalPoint.Solve(Bump, double.PositiveInfinity, 0.1, 100);
        Assert.Equal(CriticalPointKind.Crossing, infinite.Kind);
        Assert.Equal(peak, infinite.T0!.Value, peak * 1e-10);
    }

    [Fact]
    public void NoBump_IsNeverRisingOrStillRising()
    {
        var falling = new TokenCurves(-0.3, 0.2, 0, -0.05, 0.3, -0.01, 0.6, 0);
        var never = CriticalPoint.Solve(falling, double.PositiveInfinity, 0.1, 100);
        Assert.Equal(CriticalPointKind.NeverRising, never.Kind);
        Assert.Equal(0.0, never.T0);
        Assert.Null(CriticalPoint.PeakClosedForm(falling));

        // Peak at T ≈ 21.2, but the range stops at 10: still rising.
        var still = CriticalPoint.Solve(Bump, double.PositiveInfinity, 0.1, 10);
        Assert.Equal(CriticalPointKind.StillRising, still.Kind);
        Assert.Null(still.T0);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => CriticalPoint.Solve(Bump, 100, 0, 100));
        Assert.Throws<ArgumentException>(() => CriticalPoint.Solve(Bump, 100, 10, 5));
        Assert.Throws<ArgumentException>(() => CriticalPoint.Solve(Bump, 0, 0.1, 100));
        Assert.Throws<ArgumentException>(() => CriticalPoint.Solve(Bump, double.NaN, 0.1, 100));
    }

    [Fact]
    public void TokenCurves_SlopesAreTheDerivatives()
    {
        foreach (double t in new[] { 0.5, 3.0, 21.0, 90.0 })
        {
            double h = 1e-6 * t;
            Assert.Equal((Bump.DomainDelta(t + h) - Bump.DomainDelta(t - h)) / (2 * h), Bump.DomainSlope(t), 1e-8);
            Assert.Equal((Bump.GeneralDelta(t + h) - Bump.GeneralDelta(t - h)) / (2 * h), Bump.GeneralSlope(t), 1e-8);
        }
        Assert.Equal(0.05 * Math.Pow(4, 0.3) - 0.01 * Math.Pow(4, 0.6), Bump.GeneralDelta(4), 1e-15);
    }
}
