namespace Soudan.Web.Features.Statistics;

public static class StatisticsSetup
{
    public static WebApplicationBuilder AddSoudanStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatisticsTokens>();
        builder.Services.AddSingleton<StatisticsRecorder>();
        builder.Services.AddScoped<StatisticsQuery>();
        builder.Services.AddScoped<PublicStatistics>();
        builder.Services.AddHostedService<StatisticsBackfill>();
        builder.Services.AddSingleton<StatisticsMemory>();
        builder.Services.AddSingleton<StatisticsSummarizer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StatisticsSummarizer>());
        return builder;
    }
}
