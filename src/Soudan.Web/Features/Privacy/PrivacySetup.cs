namespace Soudan.Web.Features.Privacy;

public static class PrivacySetup
{
    /// <summary>Erasing what a worker asked to delete, and the job that finishes it when the counselor does not decide.</summary>
    public static WebApplicationBuilder AddSoudanPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration("Privacy").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CaseErasure>();
        builder.Services.AddScoped<ErasedBytes>();
        builder.Services.AddScoped<Retention>();
        builder.Services.AddScoped<Disclosure>();
        builder.Services.AddSingleton<PrivacyNotice>();
        builder.Services.AddSingleton<ErasureJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ErasureJob>());
        return builder;
    }
}
