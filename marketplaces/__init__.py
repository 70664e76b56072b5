"""Marketplace adapters: one package per seller-API protocol, discovered by portal.marketplaces."""
