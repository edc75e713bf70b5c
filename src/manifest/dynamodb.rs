//! The DynamoDB manifest (to be written).
