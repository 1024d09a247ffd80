using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Home.Pages;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    /// <summary>The problems people call about (PRODUCT.md), in the words a worker would use.</summary>
    public IReadOnlyList<string> Problems { get; } =
    [
        Localizable.Public("Your shifts were cut or you were sent home without pay"),
        Localizable.Public("Your company closed or stopped work"),
        Localizable.Public("Your wages were cut or not paid"),
        Localizable.Public("You worked overtime without overtime pay"),
        Localizable.Public("You were dismissed, or your contract was not renewed"),
        Localizable.Public("You were harassed, or your boss told others about your private life"),
        Localizable.Public("You were injured at work"),
        Localizable.Public("You cannot pay your rent or have no income"),
        Localizable.Public("You are worried about your residence status"),
    ];

    public void OnGet()
    {
    }
}
