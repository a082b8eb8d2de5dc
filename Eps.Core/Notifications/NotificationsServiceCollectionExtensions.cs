using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eps.Core.Notifications;

/// <summary>Registers the outbox, the mail transport (SMTP, or .eml files without a host), the digest and the expiry reminders.</summary>
public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddEpsNotifications(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<IMailTransport>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Host)
            ? sp.GetRequiredService<PickupDirectoryTransport>()
            : sp.GetRequiredService<SmtpMailTransport>());
        services.AddSingleton<Notifier>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<ExpiryReminders>();
        services.AddSingleton<OutboxAdmin>();
        return services;
    }
}
