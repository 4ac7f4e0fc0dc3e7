//! Organisations: agencies (tenants), the org-unit tree inside each, and positions.

mod agency;
mod position;
mod unit;

pub use agency::{
    AgencyInput, AgencyKind, BENGKULU_AGENCIES, NewAgency, SeedAgency, validate_agency_code,
};
pub use position::{FunctionalLevel, NewPosition, PositionInput, PositionKind};
pub use unit::{NewOrgUnit, OrgUnitInput, OrgUnitKind, validate_unit_code};
