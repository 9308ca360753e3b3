// Callers of Registry keep seeing `OrganisationNumber` and the visible-escaping helpers, which
// moved to the leaf module OrgModel so that Discovery can use them without depending on Registry.
@_exported import OrgModel
