export * from './checksExtensionPoint';
export * from './validateCustomChecks';
