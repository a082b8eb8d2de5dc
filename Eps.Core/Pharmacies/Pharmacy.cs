namespace Eps.Core.Pharmacies;

/// <summary>A dispensing pharmacy; patients nominate one per request.</summary>
public sealed class Pharmacy
{
    public int Id { get; set; }

    /// <summary><c>PHB-PH-</c> followed by six digits.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string City { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>Free text such as "Mon–Sat 8:00–20:00"; told to patients when set.</summary>
    public string? OpeningHours { get; set; }

    /// <summary>When the pharmacy stopped taking nominations; prescriptions already routed to it keep working.</summary>
    public DateTime? DeactivatedAt { get; set; }
}
