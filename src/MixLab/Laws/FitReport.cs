using MixLab.Planning;

namespace MixLab.Laws;

/// <summary>Where the fitted rows came from.</summary>
public sealed record FitInput(string File, int RowsRead, int RowsDropped, IReadOnlyDictionary<string, string> ColumnMap);

/// <summary>
/// Everything <c>mixlab fit</c> writes to fit.json: the fit, its input, and what follows from it
/// (compute-optimal allocations for Chinchilla, the optimal mixture for the mixing law).
/// </summary>
public sealed record FitReport(FitResult Fit, FitInput Input, IReadOnlyDictionary<string, List<AllocationRow>>? Allocations, MixtureOptimum? Optimum, string Version);
