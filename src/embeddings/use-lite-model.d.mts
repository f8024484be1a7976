export interface UseLiteModel {
  embed(input: string[]): Promise<number[][]>;
}
export declare const USE_LITE_DIMENSIONS: number;
export declare function loadUseLite(): Promise<UseLiteModel>;
export declare function embedNormalized(model: UseLiteModel, texts: string[]): Promise<Float32Array[]>;
export declare function toUnitFloat32(vector: ArrayLike<number>): Float32Array;
