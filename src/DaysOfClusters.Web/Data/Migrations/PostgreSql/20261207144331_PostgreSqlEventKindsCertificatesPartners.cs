using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Event kinds' rules (invitation only, seats per organisation, certificate threshold), certificates of attendance,
    /// partners and documents per event: new columns and tables only, so SQLite rebuilds no table (and keeps its triggers).
    /// </summary>
    public partial class PostgreSqlEventKindsCertificatesPartners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CertificateThresholdPercent",
                table: "Editions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InvitationOnly",
                table: "Editions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SeatsPerOrganisation",
                table: "Editions",
                type: "integer",
                nullable: true);

            // Events made since series came take their kind's defaults, as a new one would in the form.
            migrationBuilder.Sql("UPDATE \"Editions\" SET \"CertificateThresholdPercent\" = 75 WHERE \"Kind\" = 'Training'");
            migrationBuilder.Sql("UPDATE \"Editions\" SET \"InvitationOnly\" = TRUE, \"SeatsPerOrganisation\" = 1 WHERE \"Kind\" = 'RoundTable'");

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    IssueNumber = table.Column<int>(type: "integer", nullable: false),
                    SessionsAttended = table.Column<int>(type: "integer", nullable: false),
                    SessionsTotal = table.Column<int>(type: "integer", nullable: false),
                    ThresholdPercent = table.Column<int>(type: "integer", nullable: false),
                    NameHash = table.Column<long>(type: "bigint", nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Certificates_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventDocuments_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventPartners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WebsiteUrl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Logo = table.Column<byte[]>(type: "bytea", nullable: true),
                    LogoContentType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventPartners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventPartners_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_EditionId_RegistrationId",
                table: "Certificates",
                columns: new[] { "EditionId", "RegistrationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_RegistrationId",
                table: "Certificates",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_EventDocuments_EditionId",
                table: "EventDocuments",
                column: "EditionId");

            migrationBuilder.CreateIndex(
                name: "IX_EventPartners_EditionId_SortOrder",
                table: "EventPartners",
                columns: new[] { "EditionId", "SortOrder" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "EventDocuments");

            migrationBuilder.DropTable(
                name: "EventPartners");

            migrationBuilder.DropColumn(
                name: "CertificateThresholdPercent",
                table: "Editions");

            migrationBuilder.DropColumn(
                name: "InvitationOnly",
                table: "Editions");

            migrationBuilder.DropColumn(
                name: "SeatsPerOrganisation",
                table: "Editions");
        }
    }
}
