namespace ClaimTracker.Web.Features.Matrix;

public static class MatrixSetup
{
    /// <summary>The stance matrix (actors by claims).</summary>
    public static IServiceCollection AddMatrix(this IServiceCollection services) => services.AddScoped<MatrixService>();
}
