using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkAndHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Organisation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Sectors = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClusterMembers = table.Column<int>(type: "INTEGER", nullable: true),
                    SmeSharePercent = table.Column<int>(type: "INTEGER", nullable: true),
                    NetworkMemberSince = table.Column<int>(type: "INTEGER", nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    SearchKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisation_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PastEdition",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PastEdition", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PastEdition_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationOrganisation",
                columns: table => new
                {
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationOrganisation", x => x.RegistrationId);
                    table.ForeignKey(
                        name: "FK_RegistrationOrganisation_Organisation_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegistrationOrganisation_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PastEditionFigure",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PastEditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OrganisationType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PastEditionFigure", x => x.Id);
                    table.CheckConstraint("CK_PastEditionFigures_Participants", "Participants >= 0");
                    table.ForeignKey(
                        name: "FK_PastEditionFigure_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PastEditionFigure_PastEdition_PastEditionId",
                        column: x => x.PastEditionId,
                        principalTable: "PastEdition",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_CountryCode_Kind",
                table: "Organisation",
                columns: new[] { "CountryCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_NameKey_CountryCode",
                table: "Organisation",
                columns: new[] { "NameKey", "CountryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_SearchKey",
                table: "Organisation",
                column: "SearchKey");

            migrationBuilder.CreateIndex(
                name: "IX_PastEdition_CountryCode",
                table: "PastEdition",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_PastEdition_Ordinal",
                table: "PastEdition",
                column: "Ordinal",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PastEditionFigure_CountryCode",
                table: "PastEditionFigure",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_PastEditionFigure_PastEditionId_CountryCode_OrganisationType",
                table: "PastEditionFigure",
                columns: new[] { "PastEditionId", "CountryCode", "OrganisationType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationOrganisation_OrganisationId",
                table: "RegistrationOrganisation",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PastEditionFigure");

            migrationBuilder.DropTable(
                name: "RegistrationOrganisation");

            migrationBuilder.DropTable(
                name: "PastEdition");

            migrationBuilder.DropTable(
                name: "Organisation");
        }
    }
}
