export declare const ROOT: string;
export declare const ALIASES: Record<'@core' | '@shared' | '@renderer', string>;
export declare function aliasMap(root?: string): Record<string, string>;
