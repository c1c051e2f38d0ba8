using System.Runtime.Intrinsics;
using MixLab.Numerics;

namespace MixLab.Tests.Numerics;

/// <summary>The vectorised exp and log of the Chinchilla inner loop agree with Math.Exp and Math.Log on their ranges.</summary>
public class VectorMathTests
{
    [Fact]
    public void ExpNonPositive_MatchesMathExp_ToAFewUlps_OverItsRange()
    {
        double worst = 0;
        for (double x = -707; x <= 0; x += 0.00731)
        {
            var lanes = VectorMath.ExpNonPositive(Vector256.Create(x, x * 0.5, x * 0.01, x * 1e-6));
            for (int i = 0; i < 4; i++)
            {
                double arg = i switch { 0 => x, 1 => x * 0.5, 2 => x * 0.01, _ => x * 1e-6 };
                worst = Math.Max(worst, Math.Abs(lanes.GetElement(i) / Math.Exp(arg) - 1));
            }
        }
        Assert.True(worst < 1e-15, $"worst relative error {worst:E2}");
    }

    [Fact]
    public void ExpNonPositive_OfZero_IsOne_AndOfVeryNegative_IsNegligible()
    {
        var v = VectorMath.ExpNonPositive(Vector256.Create(0.0, -800.0, -1e6, double.NegativeInfinity));
        Assert.Equal(1.0, v.GetElement(0));
        for (int i = 1; i < 4; i++) Assert.InRange(v.GetElement(i), 0, 1e-300);
    }

    [Fact]
    public void LogOneToFour_MatchesMathLog_OverItsRange()
    {
        double worst = 0;
        for (double s = 1; s < 4; s += 0.0001237)
            worst = Math.Max(worst, Math.Abs(VectorMath.LogOneToFour(Vector256.Create(s)).GetElement(0) - Math.Log(s)));
        Assert.True(worst < 5e-16, $"worst absolute error {worst:E2}");
    }
}
