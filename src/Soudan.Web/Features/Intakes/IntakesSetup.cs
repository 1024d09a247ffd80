namespace Soudan.Web.Features.Intakes;

public static class IntakesSetup
{
    public static WebApplicationBuilder AddSoudanIntakes(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration("Intake").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FollowUpTokens>();
        builder.Services.AddScoped<IntakeDesk>();
        builder.Services.AddSingleton<IntakeWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<IntakeWriter>());
        return builder;
    }
}
