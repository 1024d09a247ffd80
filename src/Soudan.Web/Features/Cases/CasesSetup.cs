using Soudan.Web.Features.Search;

namespace Soudan.Web.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddSoudanCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseDesk>();
        builder.Services.AddScoped<CaseDocumentStore>();
        builder.Services.AddScoped<CaseSearchIndex>();
        builder.Services.AddScoped<Employers.CollectiveCases>();
        builder.Services.AddScoped<People.PeopleDesk>();
        builder.Services.AddHostedService<SearchBackfill>();
        builder.Services.AddHostedService<People.ResidenceBackfill>();
        builder.Services.AddHostedService<Infrastructure.Security.SituationBackfill>();
        return builder;
    }
}
