namespace Soudan.Web.Features.Hotline;

public static class HotlineSetup
{
    public static WebApplicationBuilder AddSoudanHotline(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HotlineSchedule>();
        return builder;
    }
}
